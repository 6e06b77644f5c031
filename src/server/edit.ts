// An edit of a stored report: cells, sections' text and meta changed on a copy of the current
// model, validated by the model's zod schema, and checked again by the engine's `check`. The
// source map is the current one, with each edited cell's origin saying what was entered.
import { z } from 'zod';
import { check } from '../check/index.ts';
import type { ReadReport, SourceMap } from '../map/source.ts';
import { getCell, setCell } from '../model/paths.ts';
import type { Diagnostic, Report } from '../model/report.ts';
import { reportSchema } from '../model/schema.ts';
import { cellsOf, templateFor } from '../template/index.ts';
import { badRequest } from './errors.ts';

export const editBody = z
  .object({
    /** Model path → value (null: blank). */
    cells: z.record(z.string(), z.number().finite().nonnegative().nullable()).optional(),
    /** Section number → its text. */
    sections: z.record(z.string().regex(/^[1-9]$/), z.string().max(200_000)).optional(),
    meta: z
      .object({ title: z.string().max(500).nullable(), agency: z.string().max(200).nullable(), year: z.number().int().min(2000).max(2100).nullable(), reviewer: z.string().max(200).nullable() })
      .partial()
      .strict()
      .optional(),
    preamble: z.string().max(200_000).nullable().optional(),
    /** Why: kept with the version. */
    reason: z.string().trim().min(1).max(1000),
  })
  .strict();
export type Edit = z.infer<typeof editBody>;

/** The edited report and its source map, checked; a 400 naming the cell or section that cannot be edited. */
export function applyEdit(report: Report, source: SourceMap, edit: Edit): { read: ReadReport; diagnostics: Diagnostic[] } {
  const next = structuredClone(report);
  const cells = new Map(source.cells);
  const known = new Set(cellsOf(templateFor(report.template)).map((c) => c.path));
  for (const [path, value] of Object.entries(edit.cells ?? {})) {
    if (!known.has(path)) throw badRequest(`没有这个单元格：${path}（${report.template} 年版表格中不存在）`);
    if (getCell(next, path) === value) continue;
    setCell(next, path, value);
    const before = cells.get(path);
    cells.set(path, { status: value === null ? 'blank' : 'ok', raw: value === null ? '' : String(value), line: before?.line ?? null, ...(before?.page !== undefined ? { page: before.page } : {}) });
  }
  for (const [no, text] of Object.entries(edit.sections ?? {})) {
    const s = next.sections.find((x) => x.no === Number(no));
    if (!s) throw badRequest(`报告中没有第 ${no} 部分`);
    s.text = text;
  }
  if (edit.meta) Object.assign(next.meta, edit.meta);
  if (edit.preamble !== undefined) next.preamble = edit.preamble;
  next.diagnostics = [];
  const valid = reportSchema.safeParse(next);
  if (!valid.success) throw badRequest(`修改后的报告不符合模型：${valid.error.issues.map((i) => i.path.join('.')).join('、')}`);
  const read: ReadReport = { report: next, source: { ...source, cells } };
  const diagnostics = check(read);
  next.diagnostics = diagnostics;
  return { read, diagnostics };
}
