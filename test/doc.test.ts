// The DOC reader: the seed reports written as old binary Word files by LibreOffice (their tables
// as real Word tables) read back to every gold cell; merged cells; the LibreOffice fallback; and
// the errors.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { mapDocument } from '../src/map/index.ts';
import { getCell } from '../src/model/paths.ts';
import type { DocRow } from '../src/read/document.ts';
import { bodyToText, convertToDocx, readDocDocument } from '../src/read/doc/index.ts';
import { readTextDocument } from '../src/read/text/index.ts';
import { toSimplified } from '../src/util/chinese.ts';
import { EXAMPLES, seedExpected, seedNames, tempDir } from './shared.ts';


function hasSoffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}
const skip = hasSoffice() ? false : 'LibreOffice（soffice）未安装，无法生成 .doc 测试文件（apt-get install --no-install-recommends libreoffice-writer-nogui）';

const work = tempDir('doc');
after(() => rmSync(work, { recursive: true, force: true }));

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A document's rows as HTML: consecutive table rows make one table, the other rows paragraphs. */
function toHtml(rows: DocRow[]): string {
  let html = '<html><head><meta charset="utf-8"></head><body>';
  let inTable = false;
  for (const r of rows) {
    if (r.tableRow !== inTable) html += r.tableRow ? '<table border="1">' : '</table>';
    inTable = r.tableRow;
    html += r.tableRow ? `<tr>${r.cells.map((c) => `<td>${esc(c.text)}</td>`).join('')}</tr>` : `<p>${esc(r.cells.map((c) => c.text).join(' '))}</p>`;
  }
  return html + (inTable ? '</table>' : '') + '</body></html>';
}

/** Writes HTML files as Word 97–2003 .doc files with LibreOffice (a profile of its own, so runs never collide). */
function toDoc(htmls: string[]): void {
  const profile = pathToFileURL(join(work, 'profile')).href;
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--infilter=HTML (StarWriter)', '--convert-to', 'doc', '--outdir', work, ...htmls], { stdio: 'ignore', timeout: 120_000 });
}

function flatten(o: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (o === null || typeof o !== 'object') out[prefix] = o;
  else for (const [k, v] of Object.entries(o)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

test('seed reports saved as .doc (tables as Word tables): every gold cell (or the text reading, without the corpus), the year', { skip, timeout: 180_000 }, async () => {
  const names = seedNames.map((f) => f.replace(/\.txt$/, ''));
  assert.ok(names.length >= 5);
  const htmls = names.map((n) => {
    const file = join(work, `${n}.html`);
    writeFileSync(file, toHtml(readTextDocument(toSimplified(readFileSync(join(EXAMPLES, `${n}.txt`), 'utf8'))).rows));
    return file;
  });
  toDoc(htmls);
  let tables = 0;
  for (const n of names) {
    const bytes = new Uint8Array(readFileSync(join(work, `${n}.doc`)));
    // An OLE compound file, as Word 97–2003 writes it.
    assert.deepEqual([...bytes.subarray(0, 4)], [0xd0, 0xcf, 0x11, 0xe0]);
    const doc = await readDocDocument(bytes, { soffice: false });
    assert.ok('rows' in doc, `${n}: ${JSON.stringify(doc).slice(0, 200)}`);
    assert.equal(doc.format, 'doc');
    if (doc.layout === 'tab-rows') tables++;
    const gold = seedExpected(`${n}.txt`);
    const { report } = mapDocument(doc, `${n}.doc`);
    assert.equal(report.meta.year, gold.meta.year, `${n}: year`);
    for (const [path, v] of Object.entries(flatten({ active: gold.active, applications: gold.applications, reviews: gold.reviews }))) {
      if (v !== undefined) assert.equal(getCell(report, path), v, `${n}: ${path}`);
    }
  }
  assert.ok(tables >= 2, 'some seeds were read from Word tables');
});

test('merged cells of a Word table: one tab per cell, the merged-away cell empty', { skip, timeout: 120_000 }, async () => {
  const file = join(work, 'merged.html');
  writeFileSync(
    file,
    '<html><head><meta charset="utf-8"></head><body><p>三、收到和处理政府信息公开申请情况</p><table border="1">' +
      '<tr><td rowspan="2">三、本年度办理结果</td><td>（一）予以公开</td><td>1</td><td></td><td>2</td></tr>' +
      '<tr><td>（二）部分公开</td><td>3</td><td>4</td><td>5</td></tr>' +
      '<tr><td colspan="2">四、结转下年度继续办理</td><td>6</td><td>7</td><td>8</td></tr></table></body></html>',
  );
  toDoc([file]);
  const doc = await readDocDocument(new Uint8Array(readFileSync(join(work, 'merged.doc'))), { soffice: false });
  assert.ok('rows' in doc);
  assert.deepEqual(
    doc.rows.map((r) => r.cells.map((c) => c.text)),
    [['三、收到和处理政府信息公开申请情况'], ['三、本年度办理结果', '（一）予以公开', '1', '', '2'], ['', '（二）部分公开', '3', '4', '5'], ['四、结转下年度继续办理', '6', '7', '8']],
  );
  assert.ok(doc.rows.slice(1).every((r) => r.tableRow));
});

test('LibreOffice converts a .doc to DOCX for the DOCX reader', { skip, timeout: 120_000 }, async () => {
  const file = join(work, 'small.html');
  writeFileSync(file, '<html><head><meta charset="utf-8"></head><body><p>政府信息公开工作年度报告</p></body></html>');
  toDoc([file]);
  const r = await convertToDocx(new Uint8Array(readFileSync(join(work, 'small.doc'))));
  assert.ok('convertedDocx' in r, JSON.stringify(r));
  // A DOCX is a ZIP file.
  assert.deepEqual([...r.convertedDocx.subarray(0, 2)], [0x50, 0x4b]);
});

test('a broken .doc: the fallback is tried, and the error says the file cannot be read', { skip, timeout: 120_000 }, async () => {
  // An OLE signature with nothing valid after it.
  const broken = new Uint8Array(4096);
  broken.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const r = await readDocDocument(broken);
  assert.ok('error' in r, JSON.stringify(r).slice(0, 200));
  assert.match(r.error, /^无法读取 DOC 文件：/);
});

test('without LibreOffice a broken .doc is a clear error, not a crash', async () => {
  const path = process.env.PATH;
  process.env.PATH = '';
  try {
    const r = await readDocDocument(new TextEncoder().encode('not a word file'));
    assert.ok('error' in r);
    assert.match(r.error, /^无法读取 DOC 文件：/);
    assert.doesNotMatch(r.error, /LibreOffice/);
  } finally {
    process.env.PATH = path;
  }
});

test("word-extractor's end-of-row tabs and Word's control marks are dropped; empty cells inside a row kept", () => {
  assert.equal(bodyToText('标题\r\n规章\t1\t\t3\t\n文件\t4\t5\t\t\n结尾\u0001\u000c\n'), '标题\n规章\t1\t\t3\n文件\t4\t5\t\n结尾\n');
  const doc = readTextDocument(bodyToText('规章\t1\t\t3\t\n\t4\t5\t6\t\n'));
  assert.deepEqual(doc.rows.map((r) => r.cells.map((c) => c.text)), [['规章', '1', '', '3'], ['', '4', '5', '6']]);
});
