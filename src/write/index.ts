// Where output is written: one entry for every format the CLI offers.
import type { Report } from '../model/report.ts';
import { toCsv } from './csv.ts';
import { toHtml } from './html.ts';
import { toMarkdown } from './text.ts';

export const FORMATS = ['json', 'ndjson', 'md', 'html', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export const toJson = (report: Report): string => `${JSON.stringify(report, null, 2)}\n`;
export const toNdjson = (reports: Report[]): string => reports.map((r) => `${JSON.stringify(r)}\n`).join('');

/** Several reports in one format: a JSON array (one report: the object), NDJSON lines, or documents one after another. */
export function writeReports(reports: Report[], format: Format): string {
  switch (format) {
    case 'json':
      return reports.length === 1 ? toJson(reports[0]) : `${JSON.stringify(reports, null, 2)}\n`;
    case 'ndjson':
      return toNdjson(reports);
    case 'md':
      return reports.map(toMarkdown).join('\n---\n\n');
    case 'html':
      return reports.map(toHtml).join('\n');
    case 'csv':
      return toCsv(reports);
  }
}
