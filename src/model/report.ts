// The report model: the project's public contract (../shared/spec/report-model.md).
// Keys of tables, rows and columns come from the template; this file fixes the envelope.
import type { TemplateVersion } from '../template/index.ts';

export const MODEL_ID = 'xxgk.report/1';

/** A cell: a number, or null where the document has no value for it. */
export type Cell = number | null;
/** One printed row: column key → value. */
export type Row = Record<string, Cell>;

export interface Region {
  code: string;
  name: string;
  province: string | null;
  prefecture: string | null;
}

export interface Meta {
  title: string | null;
  agency: string | null;
  year: number | null;
  region: Region | null;
  reviewer: string | null;
}

export interface Section {
  no: number;
  heading: string;
  text: string;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  rule: string;
  severity: Severity;
  message: string;
  /** Model path the finding is about (`applications.total.naturalPerson`, `sections[1].heading`, `meta.title`). */
  path: string;
  /** 1-based source line, or null where the source has none (e.g. a missing row). */
  line: number | null;
  /** Page of a paged source (PDF, scan). */
  page?: number;
}

export interface Report {
  model: typeof MODEL_ID;
  template: TemplateVersion;
  meta: Meta;
  /** Text between the title and section 一 that is not the title: paragraphs joined by "\n"; null if none. */
  preamble: string | null;
  /** Each section's text: its paragraphs joined by "\n" (see paragraphs.ts). */
  sections: Section[];
  /** 二、主动公开政府信息情况: row key → row. */
  active: Record<string, Row>;
  /** 三、收到和处理政府信息公开申请情况: row key → row, or group key → row key → row. */
  applications: Record<string, Row | Record<string, Row>>;
  /** 四、政府信息公开行政复议、行政诉讼情况: group key → row. */
  reviews: Record<string, Row>;
  diagnostics: Diagnostic[];
}
