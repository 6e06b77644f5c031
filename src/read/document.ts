// What every reader produces: rows of cells with their source position, and nothing of the template.
// A text line, an HTML <tr>, a DOCX table row and a PDF line of positioned words all become a DocRow.

export interface SourceCell {
  text: string;
  /** 1-based line in the source (for paged sources: the line within the extracted text). */
  line: number;
  page?: number;
}

export interface DocRow {
  cells: SourceCell[];
  line: number;
  page?: number;
  /**
   * True when the reader knows these cells form one row of a table (tabs, pipes, <tr>, w:tr).
   * False for a line whose cells the reader cannot place in a row (one cell per line layouts, prose).
   */
  tableRow: boolean;
}

/** `json`: a report model (`xxgk.report/1`) read as it is, with no document behind it. */
export type SourceFormat = 'text' | 'html' | 'docx' | 'pdf' | 'ocr' | 'doc' | 'json';

export interface ReaderMessage {
  severity: 'error' | 'warning' | 'info';
  message: string;
  line?: number;
  page?: number;
}

export interface Document {
  format: SourceFormat;
  /** The layout the reader recognised (e.g. `tab-rows`, `pipe-cells`); for messages and tests. */
  layout: string;
  rows: DocRow[];
  messages: ReaderMessage[];
  /** For OCR: the lowest word confidence among the values read, 0–100. */
  ocrConfidence?: number;
}
