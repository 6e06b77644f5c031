// Every table cell of every report as one CSV row (RFC 4180, UTF-8 with BOM for spreadsheet programs).
import { getCell } from '../model/paths.ts';
import type { Report } from '../model/report.ts';
import { cellsOf, templateFor } from '../template/index.ts';
import { csvField as field } from '../util/csv.ts';

export { csvField, csvTable } from '../util/csv.ts';

export const CSV_HEADER = ['agency', 'year', 'template', 'section', 'table', 'path', 'row', 'column', 'value'];

/** One report's rows, without the header (a batch streams them report by report). */
export function csvRows(r: Report): string[] {
  return cellsOf(templateFor(r.template)).map((c) => {
    const v = getCell(r, c.path);
    return [r.meta.agency, r.meta.year, r.template, c.section, c.table, c.path, c.rowLabels.join('·'), c.colLabels.join('·'), v ?? null].map((x) => field(x ?? null)).join(',');
  });
}

/** What a CSV starts with: the BOM and the header line. */
export const CSV_START = `\ufeff${CSV_HEADER.join(',')}\r\n`;

export function toCsv(reports: Report[]): string {
  return CSV_START + reports.map((r) => csvRows(r).map((l) => `${l}\r\n`).join('')).join('');
}
