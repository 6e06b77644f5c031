// TEMPORARY until src/check/index.ts lands: runs the registered rules.
import type { Diagnostic } from '../model/report.ts';
import type { ReadReport } from './rule.ts';
export function check(read: ReadReport, others: ReadReport[] = []): Diagnostic[] {
  void others;
  return read.report.diagnostics;
}
