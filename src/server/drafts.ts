// A report written in xxgk (POST /api/v1/reports): drafted by the engine — blank, from the
// agency's report of the year before (draft/report.ts), or summed from its departments — and
// stored as if imported from the model JSON it is: the engine reads those bytes back (readBytes,
// the import's road) and checks them, so a drafted report is what `xxgk new` would write and
// `xxgk import` would store. Its first version says what it was made from.
import { z } from 'zod';
import { check } from '../check/index.ts';
import type { Db } from '../db/index.ts';
import { OutOfScope, packSource, storeImports, type ImportItem, type Stored } from '../db/reports.ts';
import { readBytes } from '../engine.ts';
import type { Report } from '../model/report.ts';
import { renderReport } from '../write/index.ts';

export const createBody = z
  .object({
    /** The agency (its id) the report is of. */
    agency: z.number().int().positive(),
    year: z.number().int().min(2019).max(2100),
    /** The format; by default the year's. */
    template: z.enum(['2019', '2021']).optional(),
    /**
     * What it is made from: a report's id (the year before's, whose 结转下年度 become 上年结转),
     * `blank`, or `sum` (the agency's subtree summed for the year); absent: the agency's report of
     * the year before when one is stored and readable, else blank.
     */
    from: z.union([z.number().int().positive(), z.enum(['blank', 'sum'])]).optional(),
  })
  .strict();
export type CreateBody = z.infer<typeof createBody>;

/** Stores a drafted report as version 1 of a new report (the caller made sure its agency has none for the year). */
export async function storeDraft(db: Db, report: Report, o: { author: string | null; scope: string | null; origin: NonNullable<ImportItem['origin']>; reason: string }): Promise<Stored | OutOfScope> {
  const name = `${report.meta.agency ?? '报告'}-${report.meta.year ?? ''}.json`;
  const bytes = new TextEncoder().encode((await renderReport(report, 'json')) as string);
  const read = await readBytes(bytes, name);
  // The engine's own JSON not read back is the engine's fault, not the user's: a 500, logged.
  if (!read.ok) throw new Error(`起草的报告未能读回：${read.error}`);
  const diagnostics = check(read);
  const [out] = await storeImports(db, [{ name, bytes, report: read.report, source: packSource(read.source), diagnostics, origin: o.origin, reason: o.reason }], o.author, o.scope);
  if ('failed' in out) throw out.failed;
  return out;
}
