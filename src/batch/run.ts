// What the batch road does with one file — read, check, summarise for carry-over, write the
// format — in a batch worker (worker.ts) or, for a batch of one file, in the calling thread.
import { check } from '../check/index.ts';
import { carrySummary } from '../check/rules/carry-over.ts';
import { readBytes, type ReadOptions } from '../engine.ts';
import type { Report } from '../model/report.ts';
import { packSource } from '../map/packed.ts';
import type { Format } from '../write/formats.ts';
import type { BatchResult, BatchTask } from './task.ts';

/** One report as a piece of the format's stream; the parent writes the separators. */
async function chunkOf(report: Report, format: Format): Promise<string> {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2);
    case 'ndjson':
      return `${JSON.stringify(report)}\n`;
    case 'md':
      return (await import('../write/text.ts')).toMarkdown(report);
    case 'html':
      return (await import('../write/html.ts')).toHtml(report);
    case 'csv':
      return (await import('../write/csv.ts')).csvRows(report).map((l) => `${l}\r\n`).join('');
  }
}

/**
 * `opts.inline`: PDF, DOCX and HTML are read in this thread, which must then be a worker with
 * limits of its own; otherwise they go to the reader worker (src/read/isolate.ts).
 */
export async function runTask(file: string, bytes: Uint8Array, task: BatchTask, opts: ReadOptions): Promise<BatchResult> {
  const r = await readBytes(bytes, file, opts);
  if (!r.ok) return { ok: false, file, error: r.error };
  const diagnostics = check(r, [], task.rules ? { rules: task.rules } : {});
  const carry = carrySummary(r);
  if (task.kind === 'check') return { ok: true, file, diagnostics, carry };
  if (task.kind === 'read' && task.packSource) return { ok: true, file, diagnostics, carry, packed: { report: r.report, source: packSource(r.source) } };
  if (task.kind === 'read') return { ok: true, file, diagnostics, carry, read: r };
  return { ok: true, file, diagnostics, carry, chunk: await chunkOf(r.report, task.format) };
}
