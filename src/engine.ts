// The one road from bytes to a checked report: sniff → reader → Document → mapper → checks.
import type { ReadReport } from './map/source.ts';
import type { Diagnostic } from './model/report.ts';
import { mapDocument } from './map/index.ts';
import type { Document, ReaderMessage } from './read/document.ts';
import { readTextDocument } from './read/text/index.ts';
import { toSimplified } from './util/chinese.ts';
import { sniff } from './read/sniff.ts';
import { decodeText } from './read/decode.ts';
import type { IsolatedKind } from './read/binary.ts';
import type { Limits } from './read/pool.ts';

export type ReadOutcome = ({ ok: true } & ReadReport) | { ok: false; file: string; error: string };

import { MAX_BYTES, MAX_TEXT_BYTES, textTooLarge, tooLarge } from './read/limits.ts';

export { MAX_BYTES, MAX_TEXT_BYTES };

const fail = (file: string, error: string): ReadOutcome => ({ ok: false, file, error });

/** Reads a report saved as text (any layout, Simplified or Traditional). */
export function readText(text: string, file: string, messages: ReaderMessage[] = []): ReadOutcome {
  if (text.trim() === '') return fail(file, '文件为空');
  // Traditional characters are matched as Simplified; values and line numbers are unchanged.
  const doc = readTextDocument(toSimplified(text));
  doc.messages.unshift(...messages);
  return fromDocument(doc, file);
}

function fromReader(doc: Document | { error: string }, file: string): ReadOutcome {
  return 'error' in doc ? fail(file, doc.error) : fromDocument(simplifyCells(doc), file);
}

function fromDocument(doc: Document, file: string): ReadOutcome {
  const mapped = mapDocument(doc, file);
  if (!mapped.looksLikeReport) return fail(file, '未找到年度报告的章节或表格，不像是政府信息公开工作年度报告');
  return { ok: true, report: mapped.report, source: mapped.source };
}

/** Traditional → Simplified in every cell of a document read from a binary format. */
function simplifyCells(doc: Document): Document {
  for (const row of doc.rows) for (const c of row.cells) c.text = toSimplified(c.text);
  return doc;
}

/** Formats that have a reader of their own, named for the message when it is not there yet. */
const NEEDS_READER: Record<string, string> = {
  xlsx: '这是 Excel 表格文件，不是年度报告文档',
  zip: '这是 ZIP 压缩包，不是年度报告文档',
};

export interface ReadOptions {
  /** Read PDF and DOCX in this thread, not in the reader worker: for a caller that is itself a
   *  worker with time and memory limits (the batch road, src/batch). */
  inline?: boolean;
  /** The reader worker's limits (default: 60 s and 384 MB a file). */
  limits?: Limits;
}

/**
 * A module loaded on first use and kept: the readers of the other formats cost nothing to a run of
 * text reports, and a batch of 10,000 files does not resolve an `import()` 10,000 times (that
 * cost a fifth of the time per text report, measured).
 */
const once = <T>(load: () => Promise<T>) => {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
};
const binaryMod = once(() => import('./read/binary.ts'));
const isolateMod = once(() => import('./read/isolate.ts'));
const pdfMod = once(() => import('./read/pdf/index.ts'));
const ocrMod = once(() => import('./read/ocr/index.ts'));
const docMod = once(() => import('./read/doc/index.ts'));
const jsonMod = once(() => import('./map/json.ts'));

/** PDF, DOCX and HTML in the reader worker (time and memory limits), or here where the caller has its own. */
async function readBinaryKind(kind: IsolatedKind, bytes: Uint8Array, opts: ReadOptions) {
  if (opts.inline) return (await binaryMod()).readBinary(kind, bytes);
  return (await isolateMod()).readIsolated(kind, bytes, opts.limits);
}

/** Reads a report from its bytes, choosing the reader by content, not by file name. */
export async function readBytes(bytes: Uint8Array, file: string, opts: ReadOptions = {}): Promise<ReadOutcome> {
  if (bytes.length > MAX_BYTES) return fail(file, tooLarge(bytes.length));
  const { kind } = sniff(bytes);
  if (kind === 'empty') return fail(file, '文件为空');
  if (kind === 'binary') return fail(file, '不是文本文件，也不是可识别的文档格式');
  if (kind === 'pdf') {
    const { NO_TEXT_LAYER } = await pdfMod();
    const doc = await readBinaryKind('pdf', bytes, opts);
    if ('error' in doc) {
      if (doc.error !== NO_TEXT_LAYER) return fail(file, doc.error);
      // A scan saved as PDF: every page goes through OCR.
      const { ocrPdfPages } = await ocrMod();
      const pages = Array.from({ length: doc.pages ?? 1 }, (_, i) => i + 1);
      return fromReader(await ocrPdfPages(bytes, pages), file);
    }
    return fromDocument(simplifyCells(doc), file);
  }
  if (kind === 'png' || kind === 'jpeg' || kind === 'gif' || kind === 'tiff') {
    const { readImageDocument } = await ocrMod();
    return fromReader(await readImageDocument(bytes, kind), file);
  }
  if (kind === 'docx') {
    return fromReader(await readBinaryKind('docx', bytes, opts), file);
  }
  if (kind === 'doc') {
    const { readDocDocument } = await docMod();
    const doc = await readDocDocument(bytes);
    if ('convertedDocx' in doc) return readBytes(doc.convertedDocx, file, opts);
    return fromReader(doc, file);
  }
  const needs = NEEDS_READER[kind];
  if (needs) return fail(file, needs);
  if (bytes.length > MAX_TEXT_BYTES) {
    return fail(file, textTooLarge(bytes.length));
  }
  if (kind === 'html') return fromReader(await readBinaryKind('html', bytes, opts), file);
  const decoded = decodeText(bytes);
  if ('error' in decoded) return fail(file, decoded.error);
  if (kind === 'json') {
    // A report model (`xxgk parse`, `xxgk new`): validated, taken as it is.
    const { readModelJson, modelSource } = await jsonMod();
    const model = readModelJson(decoded.text);
    if ('error' in model) {
      // Text that only opens like JSON (`{` before a title) is a report in text all the same.
      const asText = model.syntax ? readText(decoded.text, file, decoded.messages) : null;
      return asText?.ok ? asText : fail(file, model.error);
    }
    return { ok: true, report: model.report, source: modelSource(model.report, file) };
  }
  return readText(decoded.text, file, decoded.messages);
}

export { check } from './check/index.ts';

export type { Diagnostic };
