// A check is one module: its meta (as ESLint's rule meta), its check, and its ok / not-ok examples
// (as remark-lint's rule docs), which test/rules.test.ts runs as the rule's tests.
import type { Diagnostic, Report, Severity } from '../model/report.ts';
import type { ReadReport, SourceMap } from '../map/source.ts';
import type { Template } from '../template/index.ts';

export interface RuleContext extends ReadReport {
  template: Template;
  /** The other reports checked together (for rules across reports, such as `carry-over`). */
  others: ReadReport[];
  /** The caller says this is a government-wide report and `others` of its year are its departments (`hierarchy-sum`). */
  governmentReport: boolean;
}

export interface Finding {
  /** Model path the finding is about. */
  path: string;
  message: string;
  /** Source line; where omitted the runner takes it from the source map for `path`. */
  line?: number | null;
  page?: number;
  /** Below the rule's own severity where this finding matters less (`reader`: `info` where no value is affected). */
  severity?: Severity;
}

export interface RuleMeta {
  /** Stable id (../shared/spec/rules.md); gold files name it. */
  id: string;
  severity: Severity;
  /** One line in Chinese: what the rule checks. */
  description: string;
}

/**
 * The reports an example starts from, given by the tests that run the examples (test/rule-fixtures.ts):
 * the rules never build them, so nothing of them is made at start-up.
 */
export interface ExampleFixtures {
  /** The clean example report: a complete, valid 2024 report in the tab-rows text layout. */
  clean: string;
  /** The same agency's clean report on 2023, whose 结转下年度 is 2024's 上年结转. */
  lastYear: string;
  /** The clean report under another agency's name, or with every cell 0. */
  department(agency: string, opts?: { zero?: boolean }): string;
  /** A report's text with section 三 printed without its 总计 column (as seed 001 is). */
  withoutTotalColumn(text: string): string;
}

/**
 * An example report for a rule's tests. `text` is a whole report in any text layout; `edit`
 * changes the clean example report; `patch` changes the model after reading.
 * Not-ok examples may name the `path` a finding must point at.
 */
export interface RuleExample {
  name: string;
  text?: string;
  edit?: (text: string, fixtures: ExampleFixtures) => string;
  patch?: (report: Report) => void;
  /** Changes how the report was read (e.g. marks it as read by OCR). */
  patchSource?: (source: SourceMap) => void;
  /** Reports given together with this one (for `carry-over`), as texts made from the fixtures. */
  others?: ((fixtures: ExampleFixtures) => string)[];
  /** Check options besides `rules` (e.g. `governmentReport` for `hierarchy-sum`). */
  options?: { governmentReport?: boolean };
  path?: string;
}

/** A diagnostic a not-ok example must give: its message and the source line it reports (null: none). */
export interface ExpectedFinding {
  message: string;
  line: number | null;
}

/**
 * A not-ok example pins its output, as ESLint's RuleTester does: `errors` are every diagnostic the
 * rule must give on it, in the order they are printed, no more and no fewer.
 */
export interface NotOkExample extends RuleExample {
  errors: ExpectedFinding[];
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): Finding[];
  examples: { ok: RuleExample[]; notOk: NotOkExample[] };
}

/** Turns a rule's findings into diagnostics, taking each line from the source map where the finding has none. */
export function toDiagnostics(rule: Pick<Rule, 'meta'>, findings: Finding[], source: Pick<SourceMap, 'cells'>): Diagnostic[] {
  return findings.map((f) => {
    const origin = source.cells.get(f.path);
    const line = f.line !== undefined ? f.line : (origin?.line ?? null);
    const page = f.page ?? origin?.page;
    return { rule: rule.meta.id, severity: f.severity ?? rule.meta.severity, message: f.message, path: f.path, line, ...(page !== undefined ? { page } : {}) };
  });
}
