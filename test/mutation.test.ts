// Mutation tests: change ONE printed number in the text of a valid report and exactly the
// arithmetic checks whose identity holds that cell must fire — at the cell the identity points
// at (`at` in src/template/identities.ts), on the line that cell is printed on — and no other.
// The expectations come from the template's identities, not from a list typed here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { check, readText } from '../src/engine.ts';
import { getCell, setCell } from '../src/model/paths.ts';
import type { Report } from '../src/model/report.ts';
import { cellsOf, templateFor } from '../src/template/index.ts';
import { FULL_NOISE, GENERATED_LAYOUTS, randomReport, render } from './generate.ts';
import { EXAMPLES, seedNames } from './shared.ts';

const ARITHMETIC = new Set([...templateFor('2021').identities.map((i) => i.rule), 's2-stock']);

function read(text: string, file: string) {
  const r = readText(text, file);
  if (!r.ok) assert.fail(`${file}: ${r.error}`);
  return r;
}

/** The arithmetic findings of a text, as `rule@path:line`. */
function findings(text: string, file: string): { found: string[]; report: Report } {
  const r = read(text, file);
  const found = check(r)
    .filter((d) => ARITHMETIC.has(d.rule))
    .map((d) => `${d.rule}@${d.path}:${d.line}`)
    .sort();
  return { found, report: r.report };
}

/**
 * What must fire once `path` holds another value in `mutated`: every identity with the cell on
 * one side, at its `at`; and s2-stock, which is no identity but an inequality, by its definition.
 */
function expected(mutated: Report, path: string, lineOf: (path: string) => number | null): string[] {
  const t = templateFor(mutated.template);
  const out = new Set(t.identities.filter((id) => id.left.includes(path) || id.right.includes(path)).map((id) => `${id.rule}@${id.at}:${lineOf(id.at)}`));
  if (mutated.template === '2021') {
    for (const row of ['regulations', 'normativeDocuments']) {
      const [issued, repealed, inForce] = ['issued', 'repealed', 'inForce'].map((c) => getCell(mutated, `active.${row}.${c}`) as number);
      if (inForce < issued - repealed) out.add(`s2-stock@active.${row}.inForce:${lineOf(`active.${row}.inForce`)}`);
    }
  }
  return [...out].sort();
}

/** Paths whose value differs between two reports. */
function changed(a: Report, b: Report): string[] {
  return cellsOf(templateFor(a.template))
    .map((c) => c.path)
    .filter((p) => getCell(a, p) !== getCell(b, p));
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

// Generated reports, every layout, with the noise of real files (Traditional, page numbers, 1,234…).
const CASES = GENERATED_LAYOUTS.flatMap((layout, k) => [{ layout, seed: 101 + k }, { layout, seed: 203 + 4 * k }]);

for (const { layout, seed } of CASES) {
  const version = seed % 4 === 3 ? '2019' : '2021';
  test(`${layout}, report ${seed} (${version}): each printed number changed alone fires exactly the identities that hold it`, () => {
    const base = randomReport(seed, version);
    const out = render(base, layout, seed, FULL_NOISE);
    const lineOf = (p: string) => {
      const at = out.cells.get(p);
      return at ? lineAt(out.text, at[0]) : null;
    };
    const clean = findings(out.text, 'valid.txt');
    assert.deepEqual(clean.found, [], 'the valid report is clean');
    let mutations = 0;
    for (const c of cellsOf(templateFor(version))) {
      const span = out.cells.get(c.path);
      assert.ok(span, `${c.path} was printed`);
      const old = getCell(base, c.path) as number;
      const now = old + 1 + (mutations % 3);
      const text = out.text.slice(0, span[0]) + String(now) + out.text.slice(span[1]);
      const mutated = structuredClone(base);
      setCell(mutated, c.path, now);
      const got = findings(text, `${c.path}.txt`);
      assert.deepEqual(changed(clean.report, got.report), [c.path], `${c.path} ${old} → ${now}: only that cell changes`);
      assert.deepEqual(got.found, expected(mutated, c.path, lineOf), `${c.path} ${old} → ${now} in ${layout}`);
      mutations++;
    }
    assert.equal(mutations, cellsOf(templateFor(version)).length);
  });
}

// The real seed reports whose cells are all numbers: every number of their tables, changed in the
// text. Which token is which cell is found out by changing it and seeing which cell moved.
const SEEDS = EXAMPLES;
const seedFiles = seedNames
  .filter((f) => {
    const r = read(readFileSync(join(SEEDS, f), 'utf8'), f);
    return cellsOf(templateFor(r.report.template)).every((c) => typeof getCell(r.report, c.path) === 'number');
  });

test('the real seeds with every cell a number are found (000, 002, 003)', () => {
  assert.ok(seedFiles.length >= 3, `seeds with all cells numeric: ${seedFiles.join(', ')}`);
});

for (const file of seedFiles) {
  test(`seed ${file}: each number of its tables changed alone in the text fires exactly its identities`, () => {
    const text = readFileSync(join(SEEDS, file), 'utf8');
    const clean = read(text, file);
    const lines = text.split('\n');
    const lineOf = (p: string) => clean.source.cells.get(p)?.line ?? null;
    assert.deepEqual(findings(text, file).found, [], 'the seed is clean');
    const cellLines = new Set([...clean.source.cells.values()].map((o) => o.line).filter((l): l is number => l !== null));
    const hit = new Set<string>();
    for (const lineNo of [...cellLines].sort((a, b) => a - b)) {
      const line = lines[lineNo - 1];
      // Numbers standing alone (not the 1 of `1.属于国家秘密`, not part of a longer number).
      for (const m of line.matchAll(/(?<![\d.])\d+(?![\d.、])/g)) {
        const now = Number(m[0]) + 3;
        lines[lineNo - 1] = line.slice(0, m.index) + String(now) + line.slice(m.index + m[0].length);
        const got = findings(lines.join('\n'), file);
        lines[lineNo - 1] = line;
        const moved = changed(clean.report, got.report);
        if (moved.length === 0) continue; // a number in a label or a note, not a cell
        assert.equal(moved.length, 1, `line ${lineNo}, «${m[0]}» at ${m.index}: one number changes one cell, not ${moved.join(', ')}`);
        const path = moved[0];
        assert.equal(getCell(got.report, path), now, `${path} reads the changed number`);
        assert.equal(clean.source.cells.get(path)?.line, lineNo, `${path} is printed on line ${lineNo}`);
        assert.ok(!hit.has(path), `${path} is printed once`);
        hit.add(path);
        assert.deepEqual(got.found, expected(got.report, path, lineOf), `${file} line ${lineNo}: ${path} → ${now}`);
      }
    }
    // Every cell of sections 三 and 四 was reached by changing the text.
    const missed = cellsOf(templateFor(clean.report.template)).filter((c) => c.section !== 2 && !hit.has(c.path));
    assert.deepEqual(missed.map((c) => c.path), [], 'every section 三/四 cell was mutated');
  });
}

test('the expectations derived from the identities are the ones the format states', () => {
  const r = randomReport(1, '2021');
  const rules = (p: string) => expected(r, p, () => null).map((e) => e.replace(/:null$/, ''));
  // 本年新收 自然人: its row's total, and its column's balance.
  assert.deepEqual(rules('applications.received.naturalPerson'), ['s3-balance@applications.carriedForward.naturalPerson', 's3-row-total@applications.received.total']);
  // A sub-row cell: its row's total and its column's （七）总计.
  assert.deepEqual(rules('applications.denied.stateSecret.commercialEnterprise'), ['s3-outcome-total@applications.total.commercialEnterprise', 's3-row-total@applications.denied.stateSecret.total']);
  // （七）总计 of a column: its row total, its column's sum and its column's balance.
  assert.deepEqual(rules('applications.total.otherOrg'), ['s3-balance@applications.carriedForward.otherOrg', 's3-outcome-total@applications.total.otherOrg', 's3-row-total@applications.total.total']);
  // A section 四 cell: its group's total.
  assert.deepEqual(rules('reviews.litigationAfterReconsideration.pending'), ['s4-total@reviews.litigationAfterReconsideration.total']);
  // A section 二 cell is in no identity.
  assert.deepEqual(rules('active.licensing.decisions'), []);
});

test('the lead example: 本年新收 自然人 changed fires s3-row-total at its row and s3-balance at its column', () => {
  const file = seedFiles.find((f) => f.startsWith('seed-002'));
  assert.ok(file, 'seed 002 is all numbers');
  const text = readFileSync(join(SEEDS, file), 'utf8');
  const edited = text.replace(/^(一、本年新收政府信息公开申请数量\t\t)0/m, '$14');
  assert.notEqual(edited, text);
  const rules = findings(edited, file).found.map((f) => f.replace(/:\d+$/, ''));
  assert.deepEqual(rules, ['s3-balance@applications.carriedForward.naturalPerson', 's3-row-total@applications.received.total']);
});
