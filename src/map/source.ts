// Where each part of a report came from and how it was read. The mapper fills it in;
// the checks read it to explain nulls, label variants and headings, and to point at lines.
import type { Report } from '../model/report.ts';
import type { Box, Document } from '../read/document.ts';

export type CellStatus =
  | 'ok'
  | 'blank' // the cell is empty
  | 'placeholder' // `/`, `—`, `-`, `无`
  | 'bad' // text that is not a number (`若干`, `1O`)
  | 'converted' // a number printed in another unit (`251000元` in a 万元 cell), converted
  | 'unit-unstated' // a money value without its unit, kept as printed
  | 'no-value' // the row is printed but this cell has no value at all
  | 'no-row' // the row is absent from a table that is present
  | 'no-column' // the column is absent from the table's header
  | 'no-table'; // the whole table is absent

export interface CellOrigin {
  status: CellStatus;
  /** The printed text of the cell, where there was one. */
  raw: string | null;
  line: number | null;
  page?: number;
  /** Where the printed cell stands on its page (PDF): [left, top, right, bottom], points from the top-left. */
  box?: Box;
}

export type LabelMatch = 'exact' | 'variant' | 'flagged' | 'fuzzy';

export interface LabelOrigin {
  kind: 'table' | 'row' | 'group' | 'column';
  /** Model path of the row (`active.normativeDocuments`, `applications.denied.prohibitedByLaw`),
   *  group (`applications.denied`), column (`applications.*.total`) or table (`active.item5`). */
  path: string;
  printed: string;
  official: string;
  match: LabelMatch;
  line: number;
  page?: number;
}

export interface HeadingOrigin {
  no: number;
  /** The heading as printed (without markdown markers). */
  printed: string;
  /** The printed numbering prefix (`一、`, `2、`, `1.`), or '' when the heading has none. */
  numbering: string;
  /** The heading's words after the numbering. */
  title: string;
  /** Null where the source has no lines (a report model read from its JSON). */
  line: number | null;
  page?: number;
}

export interface SubheadingOrigin {
  section: number;
  printed: string;
  numbering: string;
  /** Null where the source has no lines (a report model read from its JSON). */
  line: number | null;
  page?: number;
}

export interface TableOrigin {
  found: boolean;
  line: number | null;
  page?: number;
}

export interface SourceMap {
  /** Name of the file or `-`. */
  file: string;
  document: Pick<Document, 'format' | 'layout' | 'messages' | 'ocrConfidence'>;
  cells: Map<string, CellOrigin>;
  labels: LabelOrigin[];
  headings: HeadingOrigin[];
  subheadings: SubheadingOrigin[];
  /** Keyed by table id: `item1`…`item9`, `applications`, `reviews`. */
  tables: Record<string, TableOrigin>;
  missingRows: { path: string; label: string; line: number | null; page?: number }[];
  missingColumns: { table: string; path: string; label: string; line: number | null }[];
  title: { text: string; line: number | null } | null;
  /** The years the document states, by where it states them. */
  years: { title: number | null; period: number | null; body: number | null; bodyLine: number | null };
  /** Line of each section's first body line, by section number, to point narrative findings. */
  sectionLines: Record<number, number>;
}

/** A report as read: the model and where each part of it came from (what the mapper gives, the checks take). */
export interface ReadReport {
  report: Report;
  source: SourceMap;
}
