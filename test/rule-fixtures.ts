// The reports the rules' examples (src/check/rules/*, `examples`) are run on, for test/rules.test.ts
// and the tests that need a clean report. They are data, kept as files, not built at start-up by
// the checks: a complete, valid 2024 report whose numbers satisfy every identity, in the tab-rows
// layout (as Word's text export writes it; first written by `toText(…, 'tab-rows')`), and the same
// agency's 2023 report, whose 结转下年度 is 2024's 上年结转. Being files, the lines the examples
// pin do not move when a writer changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../src/check/index.ts';
import type { ExampleFixtures, RuleExample } from '../src/check/rule.ts';
import { readText } from '../src/engine.ts';
import type { ReadReport } from '../src/map/source.ts';

const dir = join(import.meta.dirname, 'fixtures', 'rules');

/** The clean example report, as text. */
export const CLEAN_REPORT = readFileSync(join(dir, 'clean-2024.txt'), 'utf8');
/** The same agency's report on 2023. */
export const CLEAN_REPORT_2023 = readFileSync(join(dir, 'clean-2023.txt'), 'utf8');

const AGENCY = '广水市科技经信局';

export const FIXTURES: ExampleFixtures = {
  clean: CLEAN_REPORT,
  lastYear: CLEAN_REPORT_2023,
  department(agency, opts = {}) {
    const text = CLEAN_REPORT.replaceAll(AGENCY, agency);
    // Every cell that is a number alone between tabs (or at a line's start or end) becomes 0.
    return opts.zero ? text.replace(/(^|\t)\d+(?:\.\d+)?(?=\t|$)/gm, '$10') : text;
  },
  withoutTotalColumn: (text) =>
    text.replace('自然人\t法人或其他组织\t总计', '自然人\t法人或其他组织').replace(/^((?:[一二三四（]|\d\.)[^\n]*?)((?:\t\d+){6})\t\d+$/gm, '$1$2'),
};

/** A report's text read, or `fail` called with the reader's reason. */
export function readClean(text: string, file: string, fail: (message: string) => never): ReadReport {
  const r = readText(text, file);
  if (!r.ok) fail(`${file}: ${r.error}`);
  return r as ReadReport;
}

/** The diagnostics one rule gives on one of its examples, as test/rules.test.ts runs it. */
export function runExample(ruleId: string, ex: RuleExample, fail: (message: string) => never) {
  const r = readClean(ex.text ?? (ex.edit ? ex.edit(CLEAN_REPORT, FIXTURES) : CLEAN_REPORT), `${ruleId}.txt`, fail);
  ex.patch?.(r.report);
  ex.patchSource?.(r.source);
  const others = (ex.others ?? []).map((make, i) => readClean(make(FIXTURES), `other-${i}.txt`, fail));
  return check(r, others, { ...ex.options, rules: [ruleId] });
}
