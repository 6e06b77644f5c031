// The DOCX reader leaves formatting elements out of its DOM (NO_TEXT in src/read/docx): that is
// only right while none of them holds text. Checked on DOCX written by xxgk's writer and, where it
// is installed, by LibreOffice from the seed reports.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ChildNode, Element } from 'domhandler';
import { unzipSync } from 'fflate';
import { readText } from '../src/engine.ts';
import { documentBody, NO_TEXT } from '../src/read/docx/index.ts';
import { renderReport } from '../src/write/index.ts';
import { toHtml } from '../src/write/html.ts';
import { randomReport } from './generate.ts';
import { EXAMPLES, tempDir } from './shared.ts';

/** Elements of NO_TEXT that hold a w:t (text) or w:txbxcontent (a text box) anywhere below them. */
function textInPruned(xml: string): string[] {
  const out: string[] = [];
  const stack: { n: ChildNode; pruned: string | null }[] = [{ n: documentBody(xml)!, pruned: null }];
  while (stack.length) {
    const { n, pruned } = stack.pop()!;
    if (n.type !== 'tag') continue;
    const el = n as Element;
    if (pruned && (el.name === 'w:t' || el.name === 'w:txbxcontent')) out.push(`${pruned} > ${el.name}`);
    const here = pruned ?? (NO_TEXT.has(el.name) ? el.name : null);
    for (const c of el.children) stack.push({ n: c, pruned: here });
  }
  return out;
}

const xmlOf = (docx: Uint8Array) => new TextDecoder().decode(unzipSync(docx, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml']);

test('no element the DOCX reader leaves out holds text: xxgk-written documents', async () => {
  for (let i = 0; i < 20; i++) {
    const docx = (await renderReport(randomReport(900 + i, i % 3 ? '2021' : '2019'), 'docx')) as Uint8Array;
    assert.deepEqual(textInPruned(xmlOf(docx)), [], `random report ${900 + i}`);
  }
});

let soffice = true;
try {
  execFileSync('soffice', ['--version'], { stdio: 'ignore' });
} catch {
  soffice = false;
}

test('no element the DOCX reader leaves out holds text: LibreOffice documents', { skip: soffice ? false : 'skipped: LibreOffice (soffice) is not installed' }, () => {
  const dir = tempDir('prune');
  const html: string[] = [];
  for (const f of readdirSync(EXAMPLES).filter((x) => x.endsWith('.txt'))) {
    const r = readText(readFileSync(join(EXAMPLES, f), 'utf8'), f);
    assert.ok(r.ok);
    html.push(join(dir, f.replace(/\.txt$/, '.html')));
    writeFileSync(html.at(-1)!, toHtml(r.report));
  }
  execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', dir, ...html], { stdio: 'ignore', timeout: 180_000 });
  const docx = readdirSync(dir).filter((f) => f.endsWith('.docx'));
  assert.equal(docx.length, html.length);
  for (const f of docx) assert.deepEqual(textInPruned(xmlOf(new Uint8Array(readFileSync(join(dir, f))))), [], f);
});

test('the check finds text put in a pruned element (it can fail)', () => {
  const xml = '<w:document><w:body><w:p><w:pPr><w:rPr><w:t>藏在格式里</w:t></w:rPr></w:pPr></w:p></w:body></w:document>';
  assert.deepEqual(textInPruned(xml), ['w:ppr > w:t']);
});
