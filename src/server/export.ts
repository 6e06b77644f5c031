// A selection of reports as one table: one row per report, one column per cell of the format
// (the official labels in the header, from the template), for CSV and the series of a cell.
import { cellsOf, TEMPLATES, type CellDef } from '../template/index.ts';
import { getCell } from '../model/paths.ts';
import type { Report } from '../model/report.ts';
import { csvTable } from '../write/csv.ts';

/** The columns: every cell of the 2021 format, then the 2019 format's cells it does not have. */
export function exportColumns(): CellDef[] {
  const seen = new Set<string>();
  const out: CellDef[] = [];
  for (const t of [TEMPLATES['2021'], TEMPLATES['2019']]) for (const c of cellsOf(t)) if (!seen.has(c.path) && seen.add(c.path)) out.push(c);
  return out;
}

/** The header of a cell: its section and its printed labels, as the official table names it. */
export const cellHeader = (c: CellDef) => `${'二三四'[c.section - 2]}、${[...c.rowLabels, ...c.colLabels].join(' / ')}`;

export function csvOf(rows: { id: number; agency: string | null; year: number | null; status: string; model: Report }[]): string {
  const cols = exportColumns();
  const head = ['编号', '机关', '年度', '状态', '模板', ...cols.map(cellHeader)];
  return csvTable([
    head,
    ...rows.map((r) => [r.id, r.agency, r.year, r.status, r.model.template, ...cols.map((c) => {
      const v = getCell(r.model, c.path);
      return typeof v === 'number' ? v : null;
    })]),
  ]);
}
