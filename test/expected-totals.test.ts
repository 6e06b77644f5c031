// expectedTotals (check/totals.ts): what a form shows at each 总计 and 结转下年度 as the clerk
// types — the value the arithmetic rules would accept there, from the same identities.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { expectedTotals } from '../src/check/totals.ts';
import { check } from '../src/check/index.ts';
import { modelSource } from '../src/map/json.ts';
import { blankReport } from '../src/model/blank.ts';
import { cellsReader, setCell } from '../src/model/paths.ts';
import { templateFor } from '../src/template/index.ts';

const t = templateFor('2021');
const parts = t.applications.columns.filter((c) => c.key !== 'total').map((c) => c.key);

test('a row total is the sum of its parts once all are given; none while one is blank', () => {
  fc.assert(
    fc.property(fc.array(fc.nat(10_000), { minLength: parts.length, maxLength: parts.length }), (values) => {
      const r = blankReport('2021');
      parts.forEach((c, i) => setCell(r, `applications.received.${c}`, values[i]));
      const want = values.reduce((a, b) => a + b, 0);
      assert.deepEqual(expectedTotals(t, r).get('applications.received.total'), [{ rule: 's3-row-total', value: want }]);
      setCell(r, `applications.received.${parts[0]}`, null);
      assert.equal(expectedTotals(t, r).get('applications.received.total'), undefined);
    }),
  );
});

test('结转下年度 is 本年新收 + 上年结转 − 总计; a report filled with the expected values has no arithmetic finding', () => {
  const r = blankReport('2021');
  const col = 'naturalPerson';
  setCell(r, `applications.received.${col}`, 7);
  setCell(r, `applications.carriedOver.${col}`, 2);
  setCell(r, `applications.total.${col}`, 5);
  assert.deepEqual(expectedTotals(t, r).get(`applications.carriedForward.${col}`), [{ rule: 's3-balance', value: 4 }]);
  // Fill every cell 1 then every expected value, until nothing changes: the rules then agree.
  const all = blankReport('2021');
  for (const id of t.identities) for (const p of [...id.left, ...id.right]) setCell(all, p, 1);
  for (let round = 0; round < 5; round++) for (const [p, [e]] of expectedTotals(t, all)) setCell(all, p, e.value);
  const arithmetic = check({ report: all, source: modelSource(all, 'x') }).filter((f) => /^s[34]-/.test(f.rule));
  assert.deepEqual(arithmetic.map((f) => `${f.rule} ${f.path}`), []);
});

test('where code cannot be made at run time (a page\'s CSP without unsafe-eval), the cells are read the same', () => {
  const paths = [...new Set(t.identities.flatMap((i) => [...i.left, ...i.right]))];
  const r = blankReport('2021');
  paths.forEach((p, i) => setCell(r, p, i));
  const compiled = cellsReader(paths)(r);
  const real = globalThis.Function;
  globalThis.Function = function () {
    throw new EvalError('unsafe-eval');
  } as unknown as FunctionConstructor;
  try {
    assert.deepEqual(cellsReader(paths)(r), compiled);
    assert.deepEqual(cellsReader(['applications.nothing.here', 'meta'])(r), [undefined, r.meta]);
  } finally {
    globalThis.Function = real;
  }
});
