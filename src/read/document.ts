// What every reader produces: rows of cells with their source position, and nothing of the template.
// A text line, an HTML <tr>, a DOCX table row and a PDF line of positioned words all become a DocRow.

export interface SourceCell {
  text: string;
  /** 1-based line in the source (for paged sources: the line within the extracted text). */
  line: number;
  page?: number;
  /** Where the cell stands on its page (PDF): [left, top, right, bottom], points from the page's top-left corner. */
  box?: Box;
}

export type Box = [number, number, number, number];

export interface DocRow {
  cells: SourceCell[];
  line: number;
  page?: number;
  /**
   * True when the reader knows these cells form one row of a table (tabs, pipes, <tr>, w:tr).
   * False for a line whose cells the reader cannot place in a row (one cell per line layouts, prose).
   */
  tableRow: boolean;
  /**
   * True when the reader saw this line continue the paragraph of the row before it: a soft line
   * break of a PDF, a scan or fixed-width text. Rows without it are paragraphs of their own.
   */
  wrap?: boolean;
}

/** `json`: a report model (`xxgk.report/1`) read as it is, with no document behind it. */
export type SourceFormat = 'text' | 'html' | 'docx' | 'pdf' | 'ocr' | 'doc' | 'json';

/**
 * What a reader (or the mapper) noticed that the model cannot show. Each becomes a `reader`
 * diagnostic (src/check/rules/reader.ts) at its position.
 */
export type ReaderCode =
  | 'tables-as-images' // an HTML page whose tables are published as pictures
  | 'low-resolution' // a scan below the resolution OCR needs
  | 'low-confidence' // a number OCR is not sure of
  | 'merged-cell' // a merged cell whose value the mapper placed by guess
  | 'group-as-row' // a group of rows printed as one row of numbers (no sub-rows to fill)
  | 'extra-cell' // a table row with more filled cells than the table has columns
  | 'bytes-replaced' // bytes that could not be decoded, replaced by U+FFFD
  | 'charset-mismatch' // a page that declares one charset and is written in another
  | 'charset-guessed'; // no usable declaration: the charset was sniffed

export interface ReaderMessage {
  /** `warning` where a value may be affected, else `info` (rules.md, `reader`). */
  severity: 'warning' | 'info';
  code: ReaderCode;
  /** One sentence in Chinese. */
  message: string;
  /** Position: 1-based line (for paged sources: within the extracted text) and page. */
  line?: number;
  page?: number;
  /** Model path of the table or cell concerned, where the reader knows it; else the rule finds it by position. */
  path?: string;
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
