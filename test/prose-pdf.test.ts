// The prose of PDF reports, on PDFs the project makes itself (test/fixtures/pdf, made by
// scripts/pdf-fixtures.ts from seeds by the PDF writer and by LibreOffice): the paragraphs read
// back are the text report's paragraphs; running headers and footers are dropped; a sentence that
// states a count of applications reaches narrative-applications. And the page furniture rule in
// general, on pages made up here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { check, readBytes, readText } from '../src/engine.ts';
import type { Report } from '../src/model/report.ts';
import type { DocRow } from '../src/read/document.ts';
import { markWraps, type LineBox } from '../src/read/pdf/layout.ts';
import { dropRunningLines } from '../src/read/pdf/pages.ts';
import { ROOT } from './shared.ts';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'pdf');

async function readFixture(name: string): Promise<{ text: Report; pdf: Report }> {
  const txt = readText(readFileSync(join(FIXTURES, `${name}.txt`), 'utf8'), `${name}.txt`);
  const pdf = await readBytes(new Uint8Array(readFileSync(join(FIXTURES, `${name}.pdf`))), `${name}.pdf`);
  assert.ok(txt.ok && pdf.ok, `${name}: ${!txt.ok ? txt.error : ''}${!pdf.ok ? pdf.error : ''}`);
  return { text: txt.report, pdf: pdf.report };
}

// LibreOffice leaves out a ， it hangs into the right margin; spaces around figures differ by writer.
const squeeze = (s: string | null) => (s ?? '').replace(/[ \t\u3000]+/g, '').replace(/，/g, '');

for (const name of ['xxgk-applications', 'libreoffice-header']) {
  test(`${name}.pdf: the preamble and each section's text are the text report's paragraphs`, async () => {
    const { text, pdf } = await readFixture(name);
    assert.equal(pdf.sections.length, 6);
    assert.equal(squeeze(pdf.preamble), squeeze(text.preamble));
    for (let i = 0; i < 6; i++) {
      const want = squeeze(text.sections[i].text);
      assert.ok(want.split('\n').length >= 1);
      assert.equal(squeeze(pdf.sections[i].text), want, `section ${i + 1}`);
    }
  });
}

test('libreoffice-header.pdf: the running header (the title) and the 第 x 页 共 y 页 footer are not text', async () => {
  const { text, pdf } = await readFixture('libreoffice-header');
  const all = [pdf.preamble ?? '', ...pdf.sections.map((s) => s.text ?? '')].join('\n');
  assert.doesNotMatch(all, /第\s*\d+\s*页/);
  assert.doesNotMatch(all.replace(/\s+/g, ''), /工作年度报告/);
  assert.equal(squeeze(pdf.meta.title), squeeze(text.meta.title));
  // The footer's figures never reach a table: every number read is the text report's. (Some cells
  // of LibreOffice's tables still read as blank — the table reader's part, not the page's.)
  const leaves = (o: unknown, at = ''): [string, unknown][] => (o !== null && typeof o === 'object' ? Object.entries(o).flatMap(([k, v]) => leaves(v, `${at}.${k}`)) : [[at, o]]);
  const want = new Map(leaves([text.active, text.applications, text.reviews]));
  const read = leaves([pdf.active, pdf.applications, pdf.reviews]).filter(([, v]) => typeof v === 'number');
  assert.ok(read.length > 100);
  for (const [at, v] of read) assert.equal(v, want.get(at), at);
});

test('xxgk-applications.pdf: the text says 12 applications, its table 0 — narrative-applications fires on section 一', async () => {
  const pdf = await readBytes(new Uint8Array(readFileSync(join(FIXTURES, 'xxgk-applications.pdf'))), 'xxgk-applications.pdf');
  assert.ok(pdf.ok);
  const found = check(pdf).filter((d) => d.rule === 'narrative-applications');
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(found[0].path, 'sections[0].text');
  assert.match(found[0].message, /12 件.*0 件/);
});

// ------------------------------------------------------------------ running headers and footers

const row = (text: string, page: number, line: number, tableRow = false): DocRow => ({
  cells: (tableRow ? text.split('|') : [text]).map((t) => ({ text: t, line, page })),
  line,
  page,
  tableRow,
});

/** Pages of body lines, each page given a header line at the top and a footer at the bottom. */
function paged(body: string[][], header: ((p: number, n: number) => string) | null, footer: ((p: number, n: number) => string) | null): { pages: DocRow[][]; bodies: DocRow[][] } {
  let line = 1;
  const bodies: DocRow[][] = [];
  const pages = body.map((lines, k) => {
    const p = k + 1;
    const out: DocRow[] = [];
    if (header) out.push(row(header(p, body.length), p, line++));
    const mine = lines.map((t) => row(t, p, line++));
    bodies.push(mine);
    out.push(...mine);
    if (footer) out.push(row(footer(p, body.length), p, line++));
    return out;
  });
  return { pages, bodies };
}

const BODY = ['一、总体情况', '本机关认真贯彻落实条例，全年主动公开政府信息 32 条。', '（一）主动公开情况', '二、主动公开政府信息情况'];
/** Four pages of different lines. */
const FOUR = [BODY, ['（二）依申请公开情况', '全年未收到政府信息公开申请。'], ['（三）政府信息管理', '健全审查机制，规范信息管理。', '三、收到和处理政府信息公开申请情况'], ['四、政府信息公开行政复议、行政诉讼情况']];

test('a line at the top or bottom of every page (title, agency, page numbers in any style) is dropped; the body stays', () => {
  const footers = [(p: number) => `- ${p} -`, (p: number, n: number) => `第 ${p} 页 共 ${n} 页`, (p: number, n: number) => `${p}/${n}`, (p: number) => `第${p}页`, (p: number) => String(p)];
  for (const footer of footers) {
    const { pages, bodies } = paged(FOUR, () => '某某县人民政府 2024 年政府信息公开工作年度报告', footer);
    const out = dropRunningLines(pages);
    assert.deepEqual(out.pages, bodies, footer(3, 4));
    assert.equal(out.dropped, 8);
  }
});

test('what is not furniture stays: a title under a header of the same words, a repeated table heading, a line on one page only, one page', () => {
  // The title printed under a running header of the same words on page 1.
  const title = '某某县人民政府2024年政府信息公开工作年度报告';
  const { pages } = paged([[title, ...FOUR[0]], FOUR[1], FOUR[2]], () => title, null);
  const out = dropRunningLines(pages);
  assert.equal(out.pages[0][0].cells[0].text, title);
  assert.equal(out.dropped, 3);
  // A table's heading row repeated at the top of each page it runs over is cells, not furniture.
  const heading = '信息内容|本年制发件数|本年废止件数|现行有效件数';
  const tables = [1, 2, 3].map((p) => [row(heading, p, p * 10, true), row('规章|0|0|0', p, p * 10 + 1, true), row('行政规范性文件|0|0|0', p, p * 10 + 2, true)]);
  assert.equal(dropRunningLines(tables).dropped, 0);
  // A line at the edge of one page of four is body text.
  const once = paged(FOUR, null, null);
  assert.equal(dropRunningLines(once.pages).dropped, 0);
  // One page: only a page number can be told.
  const one = paged([BODY], () => '某某县人民政府', (p) => `— ${p} —`);
  assert.deepEqual(dropRunningLines(one.pages).pages[0].map((r) => r.cells[0].text), ['某某县人民政府', ...BODY]);
});

test('property: a header and a footer added to any pages of distinct lines are dropped, and nothing else', () => {
  const line = fc.stringMatching(/^[\u4e00-\u9fa5]{6,20}[，。]?$/);
  fc.assert(
    fc.property(fc.uniqueArray(line, { minLength: 8, maxLength: 40 }), fc.integer({ min: 2, max: 6 }), (lines, n) => {
      const size = Math.ceil(lines.length / n);
      const body = Array.from({ length: n }, (_, k) => lines.slice(k * size, (k + 1) * size)).filter((b) => b.length > 0);
      const { pages, bodies } = paged(body, () => '示例局政府信息公开工作年度报告', (p, all) => `第 ${p} 页/共 ${all} 页`);
      assert.deepEqual(dropRunningLines(pages).pages, bodies);
    }),
    { numRuns: 200 },
  );
});

// ---------------------------------------------------------------------------- soft line breaks

test('soft line breaks: the text block is found from the running text, not from table cells standing out into the margin', () => {
  // A LibreOffice page: paragraphs indented at x=112, lines after the first at 80, right edge 520;
  // one-cell rows of a table start at 60 and end at 300.
  const lines: [string, number, number][] = [
    ['一是通过完善局内政府信息公开各项制度，加强对政府信', 112, 520],
    ['息公开工作的宣传培训，现阶段已经可以及时准确公开科技和', 80, 520],
    ['工业领域相关信息。', 80, 224],
    ['二是加强信息公开体系建设，不断丰富信息发布载体，通', 112, 521],
    ['过“云上中牟”“万人助万企小程序”等，扩大政策发布、信', 80, 521],
    ['获取的实际需要。', 80, 208],
    ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 60, 300],
    ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 60, 300],
    ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 60, 300],
  ];
  const rows = lines.map(([t], k) => row(t, 1, k + 1));
  const boxes: LineBox[] = lines.map(([, x, right], k) => ({ x, right, base: 100 + k * 29, h: 16 }));
  markWraps(rows, boxes);
  assert.deepEqual(rows.slice(0, 6).map((r) => r.wrap === true), [false, true, true, false, true, true]);
});
