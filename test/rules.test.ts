// Every rule's own ok / not-ok examples, run as its tests (as remark-lint runs its rules' docs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CLEAN_REPORT, FIXTURES, readClean, runExample } from './rule-fixtures.ts';
import { check, RULES } from '../src/check/index.ts';
import type { RuleExample } from '../src/check/rule.ts';
import type { ReadReport } from '../src/map/source.ts';
import { setCell } from '../src/model/paths.ts';
import { templateFor } from '../src/template/index.ts';
import { sharedPath, sharedSkip } from './shared.ts';

const read = (text: string, file: string): ReadReport => readClean(text, file, assert.fail);
const run = (ruleId: string, ex: RuleExample) => runExample(ruleId, ex, assert.fail);

/** An example's `edit` must change the clean report: an edit that no longer matches tests nothing. */
function assertEdits(ex: RuleExample) {
  if (ex.edit) assert.notEqual(ex.edit(CLEAN_REPORT, FIXTURES), CLEAN_REPORT, `the edit of "${ex.name}" leaves the clean report as it was`);
}

const SEVERITY: Record<string, string> = {
  's3-row-total': 'error', 's3-outcome-total': 'error', 's3-balance': 'error', 's4-total': 'error', 's2-stock': 'warning',
  'missing-section': 'error', 'missing-table': 'error', 'missing-row': 'error', 'missing-column': 'error', 'blank-cell': 'error', 'bad-number': 'error',
  'heading-numbering': 'warning', 'heading-title': 'warning', 'row-label': 'warning', 'template-version': 'warning', 'missing-title': 'warning', 'year-mismatch': 'warning',
  'narrative-applications': 'warning', 'narrative-reviews': 'warning', 'fees-not-reported': 'warning', 'carry-over': 'warning', 'hierarchy-sum': 'error',
  'unit-unstated': 'info', ocr: 'info', reader: 'warning',
};

test('every rule of the spec (rules.md of the evaluation corpus) is implemented once, with the severity it gives', { skip: sharedSkip }, () => {
  const ids = RULES.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
  const spec = readFileSync(sharedPath('spec', 'rules.md'), 'utf8');
  for (const [id, severity] of Object.entries(SEVERITY)) {
    assert.ok(spec.includes(`\`${id}\``), `${id} is in rules.md`);
    assert.equal(RULES.find((r) => r.meta.id === id)?.meta.severity, severity, id);
  }
});

const RANK = { info: 0, warning: 1, error: 2 } as const;

for (const rule of RULES) {
  test(`${rule.meta.id}: has ok and not-ok examples`, () => {
    assert.ok(rule.examples.ok.length >= 1);
    assert.ok(rule.examples.notOk.length >= 1);
  });
  for (const ex of rule.examples.ok) {
    test(`${rule.meta.id} ok: ${ex.name}`, () => {
      assertEdits(ex);
      const found = run(rule.meta.id, ex);
      assert.deepEqual(found.map((d) => `${d.path}: ${d.message}`), []);
    });
  }
  for (const ex of rule.examples.notOk) {
    test(`${rule.meta.id} not ok: ${ex.name}`, () => {
      assertEdits(ex);
      const found = run(rule.meta.id, ex);
      assert.ok(found.length >= 1, 'the rule fires');
      // Its output pinned: every message and line, in order (as ESLint's RuleTester checks `errors`).
      assert.deepEqual(found.map((d) => ({ message: d.message, line: d.line })), ex.errors);
      for (const d of found) {
        assert.equal(d.rule, rule.meta.id);
        // A rule gives its own severity, or a lower one where a finding matters less (`reader`).
        assert.ok(RANK[d.severity] <= RANK[rule.meta.severity], `${d.severity} is at most ${rule.meta.severity}`);
        assert.ok(d.message.length > 0 && /[\u4e00-\u9fff]/.test(d.message), 'a message in Chinese');
      }
      if (ex.path) assert.ok(found.some((d) => d.path === ex.path), `a finding at ${ex.path}; got ${found.map((d) => d.path).join(', ')}`);
    });
  }
}

test('the clean example report gives no finding from any rule', () => {
  const r = read(CLEAN_REPORT, 'clean.txt');
  assert.deepEqual(check(r).map((d) => `${d.rule} ${d.path}: ${d.message}`), []);
});

test('every finding about a printed cell points at its source line', () => {
  const r = read(CLEAN_REPORT.replace('行政许可\t120', '行政许可\t若干'), 'bad.txt');
  const d = check(r, [], { rules: ['bad-number'] })[0];
  const line = CLEAN_REPORT.split('\n').findIndex((l) => l.startsWith('行政许可')) + 1;
  assert.equal(d.line, line);
});

test('the arithmetic checks add exactly (util/exact.ts, as sum/ does): 0.1 + 0.2 is 0.3, and 0.1 + 0.2000000001 is not 0.3 (no tolerance)', () => {
  const r = read(CLEAN_REPORT, 'exact.txt');
  const id = templateFor('2021').identities.find((i) => i.rule === 's4-total' && i.left.length === 1 && i.right.length >= 2)!;
  const set = (total: number, parts: number[]) => {
    setCell(r.report, id.left[0], total);
    id.right.forEach((p, k) => setCell(r.report, p, parts[k] ?? 0));
    return check(r, [], { rules: ['s4-total'] }).filter((d) => d.path === id.at);
  };
  assert.deepEqual(set(0.3, [0.1, 0.2]), []);
  const off = set(0.3, [0.1, 0.2000000001]);
  assert.equal(off.length, 1);
  assert.match(off[0].message, /0\.3000000001/);
});

test('an example whose edit no longer changes the clean report fails (it would test nothing)', () => {
  assert.throws(() => assertEdits({ name: 'stale', edit: (t) => t.replace('行政许可\t999', '行政许可\t若干') }), /leaves the clean report as it was/);
  assert.doesNotThrow(() => assertEdits({ name: 'live', edit: (t) => t.replace('行政许可\t120', '行政许可\t若干') }));
});
