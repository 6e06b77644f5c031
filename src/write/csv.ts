// Every table cell of every report as one CSV row (RFC 4180, UTF-8 with BOM for spreadsheet programs).
import { getCell } from '../model/paths.ts';
import type { Report } from '../model/report.ts';
import { cellsOf, templateFor } from '../template/index.ts';

const field = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const CSV_HEADER = ['agency', 'year', 'template', 'section', 'table', 'path', 'row', 'column', 'value'];

export function toCsv(reports: Report[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const r of reports) {
    for (const c of cellsOf(templateFor(r.template))) {
      const v = getCell(r, c.path);
      lines.push([r.meta.agency, r.meta.year, r.template, c.section, c.table, c.path, c.rowLabels.join('·'), c.colLabels.join('·'), v ?? null].map((x) => field(x ?? null)).join(','));
    }
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
