// Round trips on random valid reports: written in every text layout — by the independent
// generator in test/generate.ts and by the project's own writers — and read back equal.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, readText } from '../src/engine.ts';
import { getCell } from '../src/model/paths.ts';
import type { Report } from '../src/model/report.ts';
import { cellsOf, templateFor, type TemplateVersion } from '../src/template/index.ts';
import { TEXT_LAYOUTS, toText } from '../src/write/text.ts';
import { GENERATED_LAYOUTS, randomReport, renderText } from './generate.ts';

const RUNS = Number(process.env.XXGK_PROPERTY_RUNS ?? 1000);
// A new base seed each run explores new reports; a failure prints it so it can be replayed.
const BASE = Number(process.env.XXGK_SEED ?? Math.floor(Math.random() * 1e9));
const ARITHMETIC = new Set(['s3-row-total', 's3-outcome-total', 's3-balance', 's4-total']);

function roundTrip(write: (r: Report, seed: number) => string, label: string) {
  for (let i = 0; i < RUNS; i++) {
    const seed = BASE + i;
    const version: TemplateVersion = i % 4 === 3 ? '2019' : '2021';
    const want = randomReport(seed, version);
    const text = write(want, seed);
    const read = readText(text, `${label}-${seed}.txt`);
    const where = `${label}, XXGK_SEED=${seed} XXGK_PROPERTY_RUNS=1`;
    if (!read.ok) assert.fail(`${where}: ${read.error}`);
    assert.equal(read.report.template, version, `${where}: template`);
    assert.equal(read.report.meta.year, want.meta.year, `${where}: year`);
    for (const c of cellsOf(templateFor(version))) {
      const got = getCell(read.report, c.path);
      const expected = getCell(want, c.path);
      if (got !== expected && !(typeof got === 'number' && typeof expected === 'number' && Math.abs(got - expected) < 1e-9)) {
        assert.fail(`${where}: ${c.path} read ${got}, written ${expected}`);
      }
    }
    const sums = check(read).filter((d) => ARITHMETIC.has(d.rule));
    assert.deepEqual(sums, [], `${where}: a valid report has no arithmetic finding`);
  }
}

for (const layout of GENERATED_LAYOUTS) {
  test(`${RUNS} random reports in the ${layout} layout (independent generator, seed ${BASE}) read back equal`, () => {
    roundTrip((r, seed) => renderText(r, layout, seed), layout);
  });
}

for (const layout of TEXT_LAYOUTS) {
  test(`${RUNS} random reports written by the project's ${layout} writer (seed ${BASE}) read back equal`, () => {
    roundTrip((r) => toText(r, layout), `writer-${layout}`);
  });
}
