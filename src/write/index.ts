// Where output is written: one entry for every format the CLI offers.
import type { Report } from '../model/report.ts';
import { toCsv } from './csv.ts';
import type { WriteOptions } from './grid.ts';
import { toHtml } from './html.ts';
import { toMarkdown } from './text.ts';

export { DOCUMENT_FORMATS, FORMATS, formatOfFile, type DocumentFormat, type Format } from './formats.ts';
import type { DocumentFormat, Format } from './formats.ts';

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
      return reports.map((r) => toMarkdown(r)).join('\n---\n\n');
    case 'html':
      return reports.map((r) => toHtml(r)).join('\n');
    case 'csv':
      return toCsv(reports);
  }
}

/** One report as one document; text formats as a string, DOCX and PDF as bytes. */
export async function renderReport(report: Report, format: DocumentFormat, opts: WriteOptions = {}): Promise<string | Uint8Array> {
  switch (format) {
    case 'json':
      return toJson(report);
    case 'md':
      return toMarkdown(report, opts);
    case 'html':
      return toHtml(report, opts);
    case 'docx':
      return (await import('./docx.ts')).toDocx(report, opts);
    case 'pdf':
      return (await import('./pdf.ts')).toPdf(report, opts);
  }
}
