// The search box of the report list: words of the report's text and conditions on its cells, in
// one string — `信息处理费 applications.received.total>10` — or as separate `q` and `cell`
// parameters. Cell paths are the template's (exportColumns), never a list of this module's own.
// Each result says where its first word is: the title, the preamble or a section, with a snippet.
import { CELL_OPS, type CellCondition } from '../db/reports.ts';
import type { Report } from '../model/report.ts';
import { badRequest } from './errors.ts';
import { exportColumns } from './export.ts';

const CONDITION = new RegExp(`^([A-Za-z][\\w.]*)(${[...CELL_OPS].sort((a, b) => b.length - a.length).map((o) => o.replace(/[=<>!]/g, (c) => `\\${c}`)).join('|')})(-?\\d+(?:\\.\\d+)?)$`);

let paths: Set<string> | null = null;
const cellPaths = () => (paths ??= new Set(exportColumns().map((c) => c.path)));

/** A condition `path op number`, or a Chinese reason why it is not one. */
export function cellCondition(text: string): CellCondition {
  const m = CONDITION.exec(text.replace(/\s+/g, ''));
  if (!m) throw badRequest(`单元格条件「${text}」应写成 路径 比较符 数字，如 applications.received.total>10`);
  if (!cellPaths().has(m[1])) throw badRequest(`没有这个单元格：${m[1]}`);
  return { path: m[1], op: m[2] as CellCondition['op'], value: Number(m[3]) };
}

/** The box's words and conditions: a token that is a condition on a known cell is one; the rest are words. */
export function searchOf(q: string | undefined, cells: string | string[] | undefined): { words: string[]; cells: CellCondition[] } {
  const words: string[] = [];
  const conditions = (Array.isArray(cells) ? cells : cells === undefined ? [] : [cells]).map(cellCondition);
  for (const token of (q ?? '').split(/\s+/).filter(Boolean)) {
    const m = CONDITION.exec(token);
    if (m && cellPaths().has(m[1])) conditions.push(cellCondition(token));
    else words.push(token);
  }
  if (words.length > 10) throw badRequest('搜索词最多 10 个');
  if (words.some((w) => w.length > 100)) throw badRequest('搜索词过长（至多 100 个字符）');
  return { words, cells: conditions };
}

export interface Match {
  /** Where the first word is: `title`, `preamble`, or the section's number (1–6). */
  in: 'title' | 'preamble' | number;
  /** The text around it (about 30 characters each side). */
  snippet: string;
}

/** Where a report mentions the first word (case as `ilike` matches it). */
export function matchOf(r: Report, word: string): Match | null {
  const places: [Match['in'], string | null][] = [['title', r.meta.title], ['preamble', r.preamble], ...r.sections.flatMap((s) => [[s.no, s.heading], [s.no, s.text]] as [number, string][])];
  const needle = word.toLowerCase();
  for (const [where, text] of places) {
    const at = text?.toLowerCase().indexOf(needle) ?? -1;
    if (text && at >= 0) {
      const from = Math.max(0, at - 30);
      const to = Math.min(text.length, at + word.length + 30);
      return { in: where, snippet: `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\n/g, ' ')}${to < text.length ? '…' : ''}` };
    }
  }
  return null;
}
