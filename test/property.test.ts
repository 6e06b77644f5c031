// Round trips on random valid reports: written in every text layout — by the independent
// generator in test/generate.ts (with the noise real files have) and by the project's own
// writers — and read back equal, cell for cell, with no finding a valid report must not have.
//
// Each run takes a new base seed (printed in the test names); replay a failure with the
// XXGK_SEED and XXGK_PROPERTY_RUNS=1 its message gives. XXGK_PROPERTY_RUNS sets the reports per layout.
import iconv from 'iconv-lite';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, readBytes, readText } from '../src/engine.ts';
import { getCell } from '../src/model/paths.ts';
import type { Diagnostic, Report } from '../src/model/report.ts';
import { cellsOf, templateFor, type TemplateVersion } from '../src/template/index.ts';
import { TEXT_LAYOUTS, toText } from '../src/write/text.ts';
import { AGENCIES, GENERATED_LAYOUTS, randomReport, render, type Rendered } from './generate.ts';

const RUNS = Number(process.env.XXGK_PROPERTY_RUNS ?? 1000);
const BASE = Number(process.env.XXGK_SEED ?? Math.floor(Math.random() * 1e9));
/** The checks whose findings on a valid report are reader bugs: the sums and 现行有效 ≥ 制发 − 废止. */
const ARITHMETIC = new Set([...templateFor('2021').identities.map((i) => i.rule), 's2-stock']);
const versionOf = (seed: number): TemplateVersion => (seed % 4 === 3 ? '2019' : '2021');

interface Written {
  text: string;
  /** The generator's record of what it wrote, where there is one (not for the project's writers). */
  rendered?: Rendered;
}

/** Reads `text` and compares everything with `want`; returns the diagnostics for further checks. */
function readBack(want: Report, written: Written, where: string): Diagnostic[] {
  const read = readText(written.text, 'generated.txt');
  if (!read.ok) assert.fail(`${where}: not read: ${read.error}`);
  const got = read.report;
  assert.equal(got.template, want.template, `${where}: template`);
  assert.equal(got.meta.year, want.meta.year, `${where}: year`);
  assert.equal(got.meta.agency, want.meta.agency, `${where}: agency`);
  assert.equal(got.meta.title?.replace(/\s/g, ''), want.meta.title, `${where}: title`);
  assert.equal(got.meta.region?.code, AGENCIES.find((a) => a.name === want.meta.agency)?.region, `${where}: region of ${want.meta.agency}`);
  for (const c of cellsOf(templateFor(want.template))) {
    const a = getCell(got, c.path);
    const b = getCell(want, c.path);
    // Money has four decimals at most: a float sum's last bit is not a difference.
    if (a !== b && !(typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-9)) {
      assert.fail(`${where}: ${c.path} read ${a}, written ${b}`);
    }
  }
  const r = written.rendered;
  if (r) {
    // Every value keeps where it came from: the line it was printed on.
    for (const [path, [start, end]] of r.cells) {
      const o = read.source.cells.get(path);
      const line = lineAt(r.text, start);
      assert.equal(o?.line, line, `${where}: ${path} printed on line ${line}, source map says ${o?.line}`);
      if (!r.traditional) assert.equal(o?.raw, r.text.slice(start, end).trim(), `${where}: ${path} raw text`);
    }
  }
  const diagnostics = check(read);
  const sums = diagnostics.filter((d) => ARITHMETIC.has(d.rule)).map((d) => `${d.rule}@${d.path}: ${d.message}`);
  assert.deepEqual(sums, [], `${where}: a valid report has no arithmetic finding`);
  return diagnostics;
}

function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The findings a valid generated report must have, as `rule@path`: the wordings the generator
 * chose that the row-label check flags, money it printed in 元 (converted), and 2019's 采购总金额
 * where it printed no unit.
 */
function expectedFindings(r: Report, rendered: Rendered): string[] {
  const out = new Set<string>();
  for (const p of rendered.flagged) out.add(`row-label@${p}`);
  for (const p of rendered.converted) out.add(`unit-converted@${p}`);
  const amount = 'active.procurement.amount';
  if (r.template === '2019' && !rendered.converted.has(amount) && !rendered.stated.has(amount)) out.add(`unit-unstated@${amount}`);
  return [...out].sort();
}

const replay = (label: string, seed: number) => `${label}, XXGK_SEED=${seed} XXGK_PROPERTY_RUNS=1`;

for (const layout of GENERATED_LAYOUTS) {
  test(`${RUNS} random reports in the ${layout} layout (independent generator, base seed ${BASE}) read back equal`, () => {
    for (let i = 0; i < RUNS; i++) {
      const seed = BASE + i;
      const want = randomReport(seed, versionOf(seed));
      const rendered = render(want, layout, seed);
      const where = replay(layout, seed);
      readBack(want, { text: rendered.text, rendered }, where);
    }
  });
}

for (const layout of TEXT_LAYOUTS) {
  test(`${RUNS} random reports written by the project's ${layout} writer (base seed ${BASE}) read back equal`, () => {
    for (let i = 0; i < RUNS; i++) {
      const seed = BASE + i;
      const want = randomReport(seed, versionOf(seed));
      readBack(want, { text: toText(want, layout) }, replay(`writer ${layout}`, seed));
    }
  });
}

// The same texts saved in the encodings real files use: readBytes decodes them to the same report.
const ENCODINGS = ['utf-8', 'utf-8 BOM', 'gb18030', 'utf-16le BOM', 'utf-16be BOM'] as const;
function encode(text: string, encoding: (typeof ENCODINGS)[number]): Uint8Array {
  const body = text.replace(/^\ufeff/, '');
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8 BOM':
      return Buffer.from(`\ufeff${body}`, 'utf8');
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
    case 'utf-16le BOM':
      return iconv.encode(body, 'utf-16le', { addBOM: true });
    case 'utf-16be BOM':
      return iconv.encode(body, 'utf-16be', { addBOM: true });
  }
}

test(`${RUNS} random reports saved as bytes (${ENCODINGS.join(', ')}; base seed ${BASE}) read by readBytes as by readText`, async () => {
  for (let i = 0; i < RUNS; i++) {
    const seed = BASE + i;
    const want = randomReport(seed, versionOf(seed));
    const layout = GENERATED_LAYOUTS[seed % GENERATED_LAYOUTS.length];
    const { text } = render(want, layout, seed);
    const encoding = ENCODINGS[i % ENCODINGS.length];
    const where = replay(`bytes, ${layout}, ${encoding}`, seed);
    const fromText = readText(text, 'generated.txt');
    const fromBytes = await readBytes(encode(text, encoding), 'generated.txt');
    if (!fromText.ok || !fromBytes.ok) assert.fail(`${where}: not read: ${!fromBytes.ok ? fromBytes.error : 'text'}`);
    assert.deepEqual(fromBytes.report, fromText.report, where);
  }
});

// The whole of check() on valid reports: a narrative that agrees with the tables, six sections,
// a title and a fees statement give exactly the findings the generator's choices call for, no other.
test(`valid generated reports (base seed ${BASE}) have exactly the findings their wording and units call for`, () => {
  const runs = Math.max(1, Math.round(RUNS / 2));
  for (let i = 0; i < runs; i++) {
    const seed = BASE + i;
    const want = randomReport(seed, versionOf(seed));
    const layout = GENERATED_LAYOUTS[seed % GENERATED_LAYOUTS.length];
    const rendered = render(want, layout, seed);
    const where = replay(`all findings, ${layout}`, seed);
    const diagnostics = readBack(want, { text: rendered.text, rendered }, where);
    const found = [...new Set(diagnostics.map((d) => `${d.rule}@${d.path}`))].sort();
    assert.deepEqual(found, expectedFindings(want, rendered), `${where}: ${diagnostics.map((d) => d.message).join('；')}`);
  }
});
