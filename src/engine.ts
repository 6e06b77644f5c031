// The one road from bytes to a checked report: sniff → reader → Document → mapper → checks.
import type { ReadReport } from './check/rule.ts';
import type { Diagnostic } from './model/report.ts';
import { mapDocument } from './map/index.ts';
import { readTextDocument } from './read/text/index.ts';
import { toSimplified } from './util/chinese.ts';

export type ReadOutcome = ({ ok: true } & ReadReport) | { ok: false; file: string; error: string };

/** Largest input accepted, so a wrong file cannot take the machine's memory. */
export const MAX_BYTES = 64 * 1024 * 1024;

const fail = (file: string, error: string): ReadOutcome => ({ ok: false, file, error });

/** Reads a report saved as text (any layout, Simplified or Traditional). */
export function readText(text: string, file: string): ReadOutcome {
  if (text.trim() === '') return fail(file, '文件为空');
  // Traditional characters are matched as Simplified; values and line numbers are unchanged.
  const doc = readTextDocument(toSimplified(text));
  const mapped = mapDocument(doc, file);
  if (!mapped.looksLikeReport) return fail(file, '未找到年度报告的章节或表格，不像是政府信息公开工作年度报告');
  return { ok: true, report: mapped.report, source: mapped.source };
}

export { check } from './check/run.ts';

export type { Diagnostic };
