// Mutation tests: change one cell of a valid report and exactly the arithmetic checks whose
// identity holds that cell fire — at the cell the identity points at — and no other.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { check, readText } from '../src/engine.ts';
import { getCell, setCell } from '../src/model/paths.ts';
import type { Report } from '../src/model/report.ts';
import { cellsOf, templateFor } from '../src/template/index.ts';
import { toText } from '../src/write/text.ts';
import { randomReport, renderText } from './generate.ts';

const ARITHMETIC = new Set(['s3-row-total', 's3-outcome-total', 's3-balance', 's4-total']);

function findings(text: string, file: string): string[] {
  const r = readText(text, file);
  if (!r.ok) assert.fail(r.error);
  return check(r)
    .filter((d) => ARITHMETIC.has(d.rule))
    .map((d) => `${d.rule}@${d.path}`)
    .sort();
}

/** What must fire when `path` changes: every identity that holds the cell, at its `at`. */
function expected(report: Report, path: string): string[] {
  return [...new Set(templateFor(report.template).identities.filter((id) => [...id.left, ...id.right].includes(path)).map((id) => `${id.rule}@${id.at}`))].sort();
}

const sumCells = (r: Report) => cellsOf(templateFor(r.template)).filter((c) => c.section !== 2);

for (const seed of [11, 12, 13]) {
  test(`report ${seed}: each section 三/四 cell changed alone fires exactly its identities, at their cells`, () => {
    const base = randomReport(seed, seed === 13 ? '2019' : '2021');
    assert.deepEqual(findings(renderText(base, 'tab-rows', seed), 'valid.txt'), [], 'the valid report is clean');
    for (const c of sumCells(base)) {
      const r = structuredClone(base);
      setCell(r, c.path, (getCell(r, c.path) as number) + 1 + (seed % 3));
      const layout = (['tab-rows', 'pipe-cells', 'cell-lines'] as const)[c.path.length % 3];
      assert.deepEqual(findings(renderText(r, layout, seed), `${c.path}.txt`), expected(r, c.path), `${c.path} in ${layout}`);
    }
  });
}

test('a cell of the real seed reports changed in the text fires the checks on that cell', () => {
  const dir = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'seeds');
  const file = readdirSync(dir).find((f) => f.startsWith('002') && f.endsWith('.txt'))!;
  const text = readFileSync(join(dir, file), 'utf8');
  assert.deepEqual(findings(text, file), []);
  // 本年新收 自然人 0 → 4: its row total, and the balance of its column.
  const edited = text.replace(/^(一、本年新收政府信息公开申请数量\t\t)0/m, '$14');
  assert.deepEqual(findings(edited, file), ['s3-balance@applications.carriedForward.naturalPerson', 's3-row-total@applications.received.total']);
  // The written form of a read report, mutated, behaves the same.
  const read = readText(text, file);
  if (!read.ok) assert.fail(read.error);
  setCell(read.report, 'reviews.litigationDirect.upheld', 2);
  assert.deepEqual(findings(toText(read.report, 'markdown'), 'md.txt'), ['s4-total@reviews.litigationDirect.total']);
});
