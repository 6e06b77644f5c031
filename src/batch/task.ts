// What a batch worker does with one file, and what it sends back: small, so that the parent holds
// results only until they are written, in order.
import type { ReadReport } from '../map/source.ts';
import type { CarrySummary } from '../check/rules/carry-over.ts';
import type { Diagnostic } from '../model/report.ts';
import type { Format } from '../write/formats.ts';

export type BatchTask =
  /** Diagnostics only (`xxgk check`). */
  | { kind: 'check'; rules?: string[] }
  /** The report written in `format` (`xxgk parse`; JSON as one object, indented). */
  | { kind: 'parse'; format: Format; rules?: string[] }
  /** The checked report and its source map themselves (render, sum, the server). */
  | { kind: 'read'; rules?: string[] };

export type BatchResult =
  | { ok: false; file: string; error: string }
  | {
      ok: true;
      file: string;
      diagnostics: Diagnostic[];
      /** For pairing reports across the batch (carry-over). */
      carry: CarrySummary | null;
      /** parse: the report in the asked format. */
      chunk?: string;
      /** read: the report and its source map. */
      read?: ReadReport;
    };

/** Internal failures in one Chinese sentence: the user never sees the engine's English. */
export function internalReason(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  // pdfjs's exceptions (FormatError, UnknownErrorException, InvalidPDFException…) on a damaged file.
  if (e instanceof Error && /^(FormatError|UnknownErrorException|InvalidPDFException|MissingPDFException|UnexpectedResponseException|AbortException)$/.test(e.name)) return 'PDF 文件已损坏，无法读取';
  if (/Maximum call stack size exceeded/.test(m)) return '文档结构嵌套过深，无法读取';
  if (/Invalid (string|array|typed array) length|Array buffer allocation failed|out of memory/i.test(m)) return '文件内容过大，超出内存上限';
  return '读取时发生内部错误';
}
