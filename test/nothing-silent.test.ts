// Nothing silent (issue 7, part 4): what a reader noticed reaches the user as a `reader` finding,
// and a cell the reader cannot read exactly is null with a finding, never another number.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from '../src/check/index.ts';
import { readBytes } from '../src/engine.ts';

const enc = (s: string) => new TextEncoder().encode(s);

test('an HTML page whose tables are images: a reader warning at the image, beside the missing tables', async () => {
  const page = `<html><body><h1>2024年度某某局政府信息公开工作年度报告</h1>
<p>一、总体情况</p><p>本局依法公开政府信息。</p>
<p>二、主动公开政府信息情况</p>
<p><img src="/upload/t2.png"></p>
<p>三、收到和处理政府信息公开申请情况</p>
<p><img src="/upload/t3.png"></p>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
<p><img src="/upload/t4.png"></p>
<p>五、存在的主要问题及改进情况</p><p>无。</p><p>六、其他需要报告的事项</p><p>未收取信息处理费。</p></body></html>`;
  const r = await readBytes(enc(page), 'images.html');
  assert.ok(r.ok, !r.ok ? r.error : '');
  const found = check(r).filter((d) => d.rule === 'reader');
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'warning');
  assert.match(found[0].message, /图片/);
  assert.equal(found[0].line, 4);
  assert.equal(found[0].path, 'active.regulations');
});

// ---------------------------------------------------------------- a cell edited into a bad shape

import fc from 'fast-check';
import { readText } from '../src/engine.ts';
import { getCell } from '../src/model/paths.ts';
import { cellsOf, templateFor } from '../src/template/index.ts';
import { GENERATED_LAYOUTS, randomReport, render, type GeneratedLayout } from './generate.ts';

const NOISE = { traditional: 0.1, pageNumbers: 0.05, numbers: 0.08, labels: 0.5 };
const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[1-9][0-9]{${min - 1},${max - 1}}$`));

/** Shapes a printed number is edited into, each of which must read as null with a bad-number finding. */
const SPACED = fc.tuple(digits(1, 3), digits(1, 3), fc.constantFrom(' ', '\u00a0')).map(([a, b, sp]) => `${a}${sp}${b}`);
const BAD: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('O', 'o', '〇', '若干', 'NaN', '(3)', '١٢', '1O'),
  fc.integer({ min: 0, max: 19 }).map((k) => String.fromCharCode(0x2460 + k)), // ①…⑳
  fc.array(fc.constantFrom('¹', '²', '³', '⁴', '⁰'), { minLength: 1, maxLength: 3 }).map((a) => a.join('')),
  digits(16, 21),
  fc.constant('9'.repeat(400)),
);

/**
 * The generated layouts, and `dense-lines`: one cell per line with no separating empty lines, an
 * empty cell as an empty line (a portal's export of a table; made from `pipe-rows`).
 */
type Layout = GeneratedLayout | 'dense-lines';
const LAYOUTS: Layout[] = [...GENERATED_LAYOUTS, 'dense-lines'];

function renderIn(layout: Layout, seed: number, version: '2019' | '2021') {
  if (layout !== 'dense-lines') return render(randomReport(seed, version), layout, seed, NOISE);
  // From `| a | b |` rows (which print each cell once, no spacers): each ` | ` a line break, the
  // other pipes spaces, so that every printed value keeps its position.
  const out = render(randomReport(seed, version), 'pipe-rows', seed, NOISE);
  return { ...out, text: out.text.replace(/ \| \|+/g, (m) => ' '.repeat(m.length)).replace(/ \| /g, ' \n ').replace(/\|/g, ' ') };
}

interface Case {
  seed: number;
  layout: Layout;
  /** Index of the edited cell among the template's cells. */
  cell: number;
}

const cases = (layouts: Layout[]) =>
  fc.record({ seed: fc.integer({ min: 1, max: 1e6 }), layout: fc.constantFrom(...layouts), cell: fc.nat() });

/**
 * Prints a random report in `c.layout`, edits one printed number into `shape`, and reads both:
 * returns the edited cell's path, the clean and the edited reading.
 */
function edited(c: Case, shape: string) {
  const version = c.seed % 4 === 3 ? '2019' : '2021';
  const out = renderIn(c.layout, c.seed, version);
  const cells = cellsOf(templateFor(version));
  const path = cells[c.cell % cells.length].path;
  const [start, end] = out.cells.get(path)!;
  const clean = readText(out.text, 'clean.txt');
  const got = readText(out.text.slice(0, start) + shape + out.text.slice(end), 'edited.txt');
  assert.ok(clean.ok && got.ok);
  // The cell's place in its printed row: first, inner or last.
  const row = cells.filter((x) => x.path.slice(0, x.path.lastIndexOf('.')) === path.slice(0, path.lastIndexOf('.')));
  const k = row.findIndex((x) => x.path === path);
  return { path, cells, clean, got, inner: k > 0 && k < row.length - 1 };
}

function assertNullWithFinding(c: Case, shape: string, rule: 'bad-number' | 'blank-cell') {
  const { path, cells, clean, got } = edited(c, shape);
  if (!clean.ok || !got.ok) return;
  const where = `${c.layout} seed ${c.seed}, ${path} = ${JSON.stringify(shape)}`;
  assert.equal(getCell(got.report, path), null, `${where}: read as null`);
  const found = check(got).filter((d) => d.rule === rule).map((d) => d.path);
  assert.ok(found.some((p) => p === path || path.startsWith(`${p}.`)), `${where}: a ${rule} finding at it; got ${found.join(', ')}`);
  for (const other of cells) {
    if (other.path !== path) assert.equal(getCell(got.report, other.path), getCell(clean.report, other.path), `${where}: ${other.path} keeps its value`);
  }
}

const RUNS = Number(process.env.XXGK_PROPERTY_RUNS ?? 150);

test('a printed number edited into a shape that is not a number: null and bad-number, the other cells unchanged', () => {
  fc.assert(fc.property(cases(LAYOUTS), BAD, (c, shape) => assertNullWithFinding(c, shape, 'bad-number')), { numRuns: RUNS });
  // Spaces inside a number, in every layout: where cells stand one to a line (`lines`,
  // `dense-lines`), a line of `12 34` is one cell, not two.
  fc.assert(fc.property(cases(LAYOUTS), SPACED, (c, shape) => assertNullWithFinding(c, shape, 'bad-number')), { numRuns: RUNS });
});

test('a cell of a table row emptied, first, inner or last: null and blank-cell in its own column, the other cells unchanged', () => {
  // Every layout: a blank between values (`label\t0\t\t0`), at a row's start (`label\t\t0…`)
  // or end (`label\t0…\t` with and without Word's closing tab), an empty `\t` line of
  // cell-lines, and an empty line where the layout marks empty cells by empty lines.
  fc.assert(fc.property(cases(LAYOUTS), (c) => assertNullWithFinding(c, '', 'blank-cell')), { numRuns: RUNS * 2 });
});

test('one cell per line, an empty cell as an empty line: six empty lines and then ` 0` are six blanks and a 总计 of 0', () => {
  const cols = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
  const row = (label: string, cells: string[]) => [label, ...cells];
  const text = [
    '2024年度某某局政府信息公开工作年度报告',
    '三、收到和处理政府信息公开申请情况',
    ...cols,
    ...row('一、本年新收政府信息公开申请数量', ['1', '2', '0', '0', '0', '0', '3']),
    ...row('二、上年结转政府信息公开申请数量', ['', '', '', '', '', '', ' 0']),
    ...row('三、本年度办理结果', []),
    ...row('（一）予以公开', ['1', '', '0', '0', '0', '0', '1']),
    ...row('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', ['0', '2', '0', '0', '0', '0', '']),
    '四、政府信息公开行政复议、行政诉讼情况',
  ].join('\n');
  const r = readText(text, 'dense.txt');
  assert.ok(r.ok);
  const a = r.report.applications as Record<string, Record<string, number | null>>;
  assert.deepEqual(Object.values(a.carriedOver), [null, null, null, null, null, null, 0]);
  assert.deepEqual(Object.values(a.received), [1, 2, 0, 0, 0, 0, 3]);
  assert.deepEqual(Object.values(a.granted), [1, null, 0, 0, 0, 0, 1]);
  assert.deepEqual(Object.values(a.partlyGranted), [0, 2, 0, 0, 0, 0, null]);
  const blank = check(r).filter((d) => d.rule === 'blank-cell').map((d) => d.path);
  for (const p of ['applications.carriedOver.naturalPerson', 'applications.granted.commercialEnterprise', 'applications.partlyGranted.total']) assert.ok(blank.some((b) => p.startsWith(b)), `${p} in ${blank.join(', ')}`);
  // The same row with empty lines between cells (a blank line after each): an empty cell is one more empty line.
  const apart = text.split('\n').flatMap((l) => [l, '']).join('\n');
  const s = readText(apart, 'apart.txt');
  assert.ok(s.ok);
  const b = s.report.applications as Record<string, Record<string, number | null>>;
  assert.deepEqual(Object.values(b.carriedOver), [null, null, null, null, null, null, 0]);
  assert.deepEqual(Object.values(b.granted), [1, null, 0, 0, 0, 0, 1]);
});

test('numbers as reports print them stay numbers: 1,234  1，234  full-width  3件', () => {
  const fine: [string, number][] = [['1,234', 1234], ['1，234', 1234], ['１２', 12], ['3件', 3], ['999999999999999', 999999999999999]];
  fc.assert(
    fc.property(cases(['tab-rows', 'pipe-rows', 'cell-lines']), fc.constantFrom(...fine), (c, [shape, value]) => {
      const { path, got } = edited(c, shape);
      if (!got.ok || path.startsWith('active.') && /amount|fees/.test(path)) return;
      assert.equal(getCell(got.report, path), value, `${c.layout} seed ${c.seed}, ${path} = ${shape}`);
      assert.deepEqual(check(got).filter((d) => d.rule === 'bad-number').map((d) => d.path), []);
    }),
    { numRuns: RUNS },
  );
});

// ---------------------------------------------------------------- bytes that are not UTF-8

import { CLEAN_REPORT } from './rule-fixtures.ts';

/** The clean report as UTF-8 with `bad` bytes put in after the first occurrence of `after`. */
function damaged(after: string, bad: number[]): { bytes: Uint8Array; line: number } {
  const at = CLEAN_REPORT.indexOf(after) + after.length;
  const head = enc(CLEAN_REPORT.slice(0, at));
  const bytes = new Uint8Array([...head, ...bad, ...enc(CLEAN_REPORT.slice(at))]);
  return { bytes, line: CLEAN_REPORT.slice(0, at).split('\n').length };
}

test('one invalid UTF-8 byte in a long text report: read with the byte replaced, a reader finding at its line', async () => {
  for (const bad of [[0xff], [0xe4, 0xb8], [0x80, 0x80, 0x80]]) {
    const { bytes, line } = damaged('严格信息发布', bad);
    const r = await readBytes(bytes, 'damaged.txt');
    assert.ok(r.ok, !r.ok ? r.error : '');
    assert.equal(r.report.meta.agency, '广水市科技经信局', 'the Chinese decoded as UTF-8, not as GB18030');
    const found = check(r).filter((d) => d.rule === 'reader');
    assert.deepEqual(found.map((d) => [d.line, d.severity]), [[line, 'info']], `bytes ${bad}: one finding at the line, info in prose`);
    assert.match(found[0].message, /UTF-8/);
  }
  // In a table row: the value is not read as a number, and the reader finding is a warning.
  const { bytes, line } = damaged('行政许可\t1', [0xff]);
  const r = await readBytes(bytes, 'damaged-cell.txt');
  assert.ok(r.ok);
  const found = check(r);
  assert.ok(found.some((d) => d.rule === 'reader' && d.severity === 'warning' && d.line === line && d.path === 'active.licensing.decisions'));
  assert.ok(found.some((d) => d.rule === 'bad-number' && d.path === 'active.licensing.decisions'));
});

test('bytes that are not UTF-8 throughout are not taken for damaged UTF-8', async () => {
  const iconv = (await import('iconv-lite')).default;
  const r = await readBytes(iconv.encode(CLEAN_REPORT, 'gbk'), 'gbk.txt');
  assert.ok(r.ok);
  assert.equal(r.report.meta.agency, '广水市科技经信局');
  assert.deepEqual(check(r).filter((d) => d.rule === 'reader'), []);
});
