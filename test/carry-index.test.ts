// The batch's carry-over index keeps each report's summary packed: what it finds must be what the
// rule finds on the summaries themselves, whatever the values, lines and pages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CarryIndex, carryFindings, type CarrySummary } from '../src/check/rules/carry-over.ts';
import { templateFor } from '../src/template/index.ts';

const cols = (v: '2019' | '2021') => templateFor(v).applications.columns.map((c) => c.key);
const cell = fc.record({ value: fc.option(fc.nat(100_000), { nil: null }), line: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: null }), page: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }) }).map(({ page, ...c }) => (page === undefined ? c : { ...c, page }));
const summary = (template: '2019' | '2021', year: number) =>
  fc.record({ over: fc.tuple(...cols(template).map(() => cell)), forward: fc.tuple(...cols(template).map(() => cell)) }).map(({ over, forward }): CarrySummary => ({
    file: `${year}.txt`, agency: '某局', year, template,
    over: Object.fromEntries(cols(template).map((k, i) => [k, over[i]])),
    forward: Object.fromEntries(cols(template).map((k, i) => [k, forward[i]])),
  }));

test('the packed index finds what carryFindings finds on the summaries, in either order', () => {
  fc.assert(
    fc.property(fc.constantFrom<'2019' | '2021'>('2019', '2021'), fc.integer({ min: 2019, max: 2030 }), fc.boolean(), (t, y, laterFirst) =>
      fc.assert(
        fc.property(summary(t, y), summary(t, y + 1), (a, b) => {
          const [first, second] = laterFirst ? [b, a] : [a, b];
          const index = new CarryIndex();
          assert.deepEqual(index.add(first), []);
          assert.deepEqual(index.add(second), carryFindings(second, first));
        }),
        { numRuns: 20 },
      ),
    ),
    { numRuns: 10 },
  );
});
