// The checks: every rule module, and the runner that turns their findings into diagnostics.
import type { Diagnostic } from '../model/report.ts';
import { templateFor } from '../template/index.ts';
import type { ReadReport } from '../map/source.ts';
import { toDiagnostics, type Rule, type RuleContext } from './rule.ts';
import badNumber from './rules/bad-number.ts';
import blankCell from './rules/blank-cell.ts';
import carryOver from './rules/carry-over.ts';
import feesNotReported from './rules/fees-not-reported.ts';
import headingNumbering from './rules/heading-numbering.ts';
import headingTitle from './rules/heading-title.ts';
import hierarchySum from './rules/hierarchy-sum.ts';
import missingColumn from './rules/missing-column.ts';
import missingRow from './rules/missing-row.ts';
import missingSection from './rules/missing-section.ts';
import missingTable from './rules/missing-table.ts';
import missingTitle from './rules/missing-title.ts';
import narrativeApplications from './rules/narrative-applications.ts';
import narrativeReviews from './rules/narrative-reviews.ts';
import ocr from './rules/ocr.ts';
import reader from './rules/reader.ts';
import rowLabel from './rules/row-label.ts';
import s2Stock from './rules/s2-stock.ts';
import s3Balance from './rules/s3-balance.ts';
import s3OutcomeTotal from './rules/s3-outcome-total.ts';
import s3RowTotal from './rules/s3-row-total.ts';
import s4Total from './rules/s4-total.ts';
import templateVersion from './rules/template-version.ts';
import unitConverted from './rules/unit-converted.ts';
import unitUnstated from './rules/unit-unstated.ts';
import yearMismatch from './rules/year-mismatch.ts';

export const RULES: Rule[] = [
  badNumber, blankCell, carryOver, feesNotReported, headingNumbering, headingTitle, hierarchySum, missingColumn, missingRow,
  missingSection, missingTable, missingTitle, narrativeApplications, narrativeReviews, ocr, reader, rowLabel, s2Stock,
  s3Balance, s3OutcomeTotal, s3RowTotal, s4Total, templateVersion, unitConverted, unitUnstated, yearMismatch,
];

export interface CheckOptions {
  /** Run only these rule ids. */
  rules?: string[];
  /** The report is a government-wide report: `hierarchy-sum` checks it against the sum of the
   *  `others` of its year, its departments. Off by default: reports checked together are not summed. */
  governmentReport?: boolean;
}

/** Diagnostics in the order they are printed: by line, then rule. */
export const byPosition = (a: Diagnostic, b: Diagnostic) => (a.line ?? Infinity) - (b.line ?? Infinity) || a.rule.localeCompare(b.rule);

/**
 * The engine's `check`, the one way to run the checks: every rule (or `opts.rules`) on one report;
 * `others` are the reports given with it (for carry-over). The diagnostics are returned, in the
 * order they are printed, and left on the report (`report.diagnostics`), as the model has them.
 */
export function check(read: ReadReport, others: ReadReport[] = [], opts: CheckOptions = {}): Diagnostic[] {
  const template = templateFor(read.report.template);
  const ctx: RuleContext = { report: read.report, source: read.source, template, others, governmentReport: opts.governmentReport === true };
  const out: Diagnostic[] = [];
  for (const rule of RULES) {
    if (opts.rules && !opts.rules.includes(rule.meta.id)) continue;
    try {
      const findings = rule.check(ctx);
      if (findings.length) out.push(...toDiagnostics(rule, findings, read.source));
    } catch (e) {
      // A bug in one rule is reported, not fatal for the others.
      out.push({ rule: rule.meta.id, severity: 'error', message: `检查规则内部错误：${(e as Error).message}`, path: '', line: null });
    }
  }
  out.sort(byPosition);
  read.report.diagnostics = out;
  return out;
}

/** @deprecated The same function as `check` (its old name, still used by bench/bench.ts). */
export const runChecks = check;
