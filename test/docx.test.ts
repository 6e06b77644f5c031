// The DOCX reader: the official blank template, DOCX files built here with Word's merged-cell
// markup (gridSpan, vMerge), soft breaks and text boxes, and hostile files.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { readBytes, readText, type ReadOutcome } from '../src/engine.ts';
import { getCell } from '../src/model/paths.ts';
import type { Report } from '../src/model/report.ts';
import { cellsOf, templateFor } from '../src/template/index.ts';
import { readDocxXml } from '../src/read/docx/index.ts';
import { gridsOf, sectionsOf, titleOf } from '../src/write/grid.ts';
import { EXAMPLES, seedNames, sharedPath, withShared } from './shared.ts';

const seedDir = EXAMPLES;
const seeds = seedNames;

function ok(r: ReadOutcome) {
  if (!r.ok) assert.fail(r.error);
  return r;
}
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A paragraph; `\n` in the text becomes a soft line break, as Word writes it. */
const p = (text: string) => `<w:p><w:r>${text.split('\n').map((t) => `<w:t xml:space="preserve">${esc(t)}</w:t>`).join('<w:br/>')}</w:r></w:p>`;

/** Word's markup for the official tables: a rowspan becomes vMerge restart + continue cells. */
function docxXml(r: Report, opts: { breakHeaders?: boolean; textBox?: boolean } = {}): string {
  const body: string[] = [p(titleOf(r))];
  const grids = gridsOf(r);
  for (const s of sectionsOf(r)) {
    body.push(p(s.heading));
    if (s.text) body.push(...s.text.split('\n').map(p));
    for (const g of grids.filter((x) => x.section === s.no)) {
      const pending = new Map<number, number>(); // grid column → rows still merged below
      const rows = g.rows.map((row) => {
        const tcs: string[] = [];
        let col = 0;
        const spanAt = () => pending.get(col) ?? 0;
        const flushMerged = () => {
          while (spanAt() > 0) {
            const left = spanAt();
            pending.set(col, left - 1);
            tcs.push('<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>');
            col++;
          }
        };
        for (const c of row) {
          flushMerged();
          const span = c.colspan ?? 1;
          const props = `${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}${(c.rowspan ?? 1) > 1 ? '<w:vMerge w:val="restart"/>' : ''}`;
          if ((c.rowspan ?? 1) > 1) for (let k = 0; k < span; k++) pending.set(col + k, (c.rowspan ?? 1) - 1);
          const text = opts.breakHeaders && c.header && c.text.length === 4 ? `${c.text.slice(0, 2)}\n${c.text.slice(2)}` : c.text;
          tcs.push(`<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${p(text)}</w:tc>`);
          col += span;
        }
        flushMerged();
        return `<w:tr>${tcs.join('')}</w:tr>`;
      });
      body.push(`<w:tbl>${rows.join('')}</w:tbl>`);
    }
  }
  if (opts.textBox) {
    body.splice(1, 0, `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>${p('（文本框）本报告由办公室编制。')}</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>${p('（文本框）本报告由办公室编制。')}</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`);
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${body.join('')}</w:body></w:document>`;
}

const docx = (xml: string) => zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8(xml) });
const seedModel = (f: string) => ok(readText(readFileSync(join(seedDir, f), 'utf8'), f)).report;
function sameCells(a: Report, b: Report) {
  for (const c of cellsOf(templateFor(a.template))) assert.equal(getCell(a, c.path), getCell(b, c.path), c.path);
}

withShared('the official template (evaluation corpus)', () => {
  test('the official blank template reads as a 2021 report: every table found, every cell null and blank', async () => {
    const r = ok(await readBytes(new Uint8Array(readFileSync(sharedPath('spec', 'official', 'template-2021-blank.docx'))), 'template.docx'));
    assert.equal(r.report.template, '2021');
    for (const [id, t] of Object.entries(r.source.tables)) assert.ok(t.found, `table ${id}`);
    for (const c of cellsOf(templateFor('2021'))) {
      assert.equal(getCell(r.report, c.path), null, c.path);
      assert.ok(['blank', 'no-value'].includes(r.source.cells.get(c.path)?.status ?? ''), `${c.path}: ${r.source.cells.get(c.path)?.status}`);
    }
  });
});

for (const f of seeds) {
  test(`${f}: as DOCX with merged cells (gridSpan, vMerge), every cell equal`, async () => {
    const model = seedModel(f);
    const back = ok(await readBytes(docx(docxXml(model)), `${f}.docx`));
    assert.equal(back.source.document.format, 'docx');
    sameCells(back.report, model);
  });
}

test('soft line breaks inside header cells and a text box (read once, not twice)', async () => {
  const model = seedModel(seeds[2]);
  const back = ok(await readBytes(docx(docxXml(model, { breakHeaders: true, textBox: true })), 'breaks.docx'));
  sameCells(back.report, model);
  const doc = readDocxXml(docxXml(model, { textBox: true }));
  if ('error' in doc) assert.fail(doc.error);
  assert.equal(doc.rows.filter((r) => r.cells.some((c) => c.text.includes('（文本框）'))).length, 1);
});

test('hostile DOCX: a declared 200 MB document.xml, a DOCTYPE with entities, a zip without a document', async () => {
  const bomb = docx(docxXml(seedModel(seeds[0])));
  // Patch the central directory's uncompressed size of document.xml to 200 MB.
  const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
  for (let i = bomb.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLen = view.getUint16(i + 28, true);
    if (new TextDecoder().decode(bomb.subarray(i + 46, i + 46 + nameLen)) === 'word/document.xml') view.setUint32(i + 24, 200 * 1024 * 1024, true);
  }
  const b = await readBytes(bomb, 'bomb.docx');
  assert.equal(b.ok, false);
  assert.match(!b.ok ? b.error : '', /100 MB/);
  const entities = docx('<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><w:document><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>');
  const e = await readBytes(entities, 'entities.docx');
  assert.equal(e.ok, false);
  assert.match(!e.ok ? e.error : '', /实体|DOCTYPE/);
  const noDoc = zipSync({ 'word/styles.xml': strToU8('<x/>') });
  const n = await readBytes(noDoc, 'nodoc.docx');
  assert.equal(n.ok, false);
  assert.match(!n.ok ? n.error : '', /document\.xml/);
});

test('XML nesting: a document nested deeper than MAX_XML_DEPTH is refused before parsing; self-closing, declarations and comments do not count', async () => {
  const { MAX_XML_DEPTH } = await import('../src/read/docx/index.ts');
  const body = (inner: string) => `<?xml version="1.0"?><!-- a > comment --><w:document><w:body>${inner}</w:body></w:document>`;
  const nest = (n: number, leaf: string) => '<w:sdt>'.repeat(n) + leaf + '</w:sdt>'.repeat(n);
  const para = '<w:p><w:r><w:t>一、总体情况</w:t></w:r><w:br/></w:p>';
  const deep = readDocxXml(body(nest(MAX_XML_DEPTH, para)));
  assert.ok('error' in deep && deep.error.includes('嵌套'), 'refused');
  const fine = readDocxXml(body(nest(MAX_XML_DEPTH - 10, para) + '<w:p/>'.repeat(5000)));
  assert.ok(!('error' in fine), 'a deep but legal nesting with many empty elements reads');
  assert.equal(fine.rows[0]?.cells[0]?.text, '一、总体情况');
});
