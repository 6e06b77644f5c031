// The engine's `check`: runs every rule and leaves the diagnostics on the report.
import type { Diagnostic } from '../model/report.ts';
import { runChecks, type CheckOptions } from './index.ts';
import type { ReadReport } from '../map/source.ts';

export function check(read: ReadReport, others: ReadReport[] = [], opts: CheckOptions = {}): Diagnostic[] {
  const diagnostics = runChecks(read, others, opts);
  read.report.diagnostics = diagnostics;
  return diagnostics;
}
