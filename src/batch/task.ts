// What a batch worker does with one file, and what it sends back: small, so that the parent holds
// results only until they are written, in order.
import type { ReadReport } from '../map/source.ts';
import type { CarrySummary } from '../check/rules/carry-over.ts';
import type { Diagnostic, Report } from '../model/report.ts';
import type { Format } from '../write/formats.ts';

export type BatchTask =
  /** Diagnostics only (`xxgk check`). */
  | { kind: 'check'; rules?: string[] }
  /** The report written in `format` (`xxgk parse`; JSON as one object, indented). */
  | { kind: 'parse'; format: Format; rules?: string[] }
  /**
   * The checked report and its source map themselves (render, sum, the server); `packSource`: the
   * map packed here (map/packed.ts), for a store — the thread that stores it neither receives its
   * objects nor compresses them.
   */
  | { kind: 'read'; rules?: string[]; packSource?: boolean };

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
      /** read with packSource: the report and its source map packed. */
      packed?: { report: Report; source: Uint8Array };
    };

/**
 * Files larger than this are read one at a time over all the batch's workers: a reader's memory
 * grows with its file (an HTML page's tree takes 10–40 times the page), so two large files read
 * side by side would double the batch's peak; small files go on beside the large one.
 */
export const HEAVY_BYTES = 2 * 1048576;
