// A selection of reports as one table: one row per report, one column per cell of the format
// (the official labels in the header, from the template), for CSV and XLSX, and the series of a cell.
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

export type ExportRow = { id: number; agency: string | null; year: number | null; status: string; model: Report };

/** The table itself: the header (official labels, from the template) and a row per report. */
function exportTable(rows: ExportRow[]): { head: string[]; body: (string | number | null)[][] } {
  const cols = exportColumns();
  return {
    head: ['编号', '机关', '年度', '状态', '模板', ...cols.map(cellHeader)],
    body: rows.map((r) => [r.id, r.agency, r.year, r.status, r.model.template, ...cols.map((c) => {
      const v = getCell(r.model, c.path);
      return typeof v === 'number' ? v : null;
    })]),
  };
}

export function csvOf(rows: ExportRow[]): string {
  const { head, body } = exportTable(rows);
  return csvTable([head, ...body]);
}

/**
 * The same table as an XLSX workbook (exceljs): numbers stay numbers, a cell not in the document
 * stays empty (never 0), the header row is frozen and filterable.
 */
export async function xlsxOf(rows: ExportRow[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const { head, body } = exportTable(rows);
  const book = new ExcelJS.Workbook();
  book.creator = 'xxgk';
  const sheet = book.addWorksheet('报告', { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  sheet.addRow(head).font = { bold: true };
  for (const r of body) sheet.addRow(r.map((v) => v ?? undefined));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: head.length } };
  sheet.getColumn(2).width = 30;
  return new Uint8Array(await book.xlsx.writeBuffer());
}
