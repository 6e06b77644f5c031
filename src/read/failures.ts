// Why a read in a worker thread failed, in one Chinese sentence each: the reader worker
// (isolate.ts) and the batch workers (src/batch) say the same; the user never sees English internals.
import { isPdfjsError, pdfReason } from './pdf/reasons.ts';
import type { Limits } from './pool.ts';

export const outOfMemory = (limits: Limits) => `读取时内存超过 ${limits.maxMemoryMb} MB 上限`;
export const timedOut = (limits: Limits) => `读取超时（超过 ${limits.timeoutMs / 1000} 秒上限）`;
export const WORKER_EXITED = '读取进程意外退出';

/** An exception a reader threw, by its kind. */
export function internalReason(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  // pdfjs's exceptions (FormatError, InvalidPDFException…) on a damaged file: the PDF reader's words.
  if (isPdfjsError(e)) return pdfReason(e);
  if (/Maximum call stack size exceeded/.test(m)) return '文档结构嵌套过深，无法读取';
  if (/Invalid (string|array|typed array) length|Array buffer allocation failed|out of memory/i.test(m)) return '文件内容过大，超出内存上限';
  return '读取时发生内部错误';
}
