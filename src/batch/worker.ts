// A batch worker: reads, checks and writes one file at a time for the parent (src/batch/index.ts),
// which bounds it in time and memory and replaces it when it fails.
import { parentPort } from 'node:worker_threads';
import { check } from '../check/run.ts';
import { carrySummary } from '../check/rules/carry-over.ts';
import { readBytes } from '../engine.ts';
import type { Report } from '../model/report.ts';
import type { Format } from '../write/formats.ts';
import { internalReason } from '../read/failures.ts';
import type { BatchResult, BatchTask } from './task.ts';

// A promise a reader rejects after its result was sent (pdfjs on a damaged file) belongs to no
// file: it must not end the worker, and its English never reaches the user.
process.on('unhandledRejection', () => {});

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

async function run(file: string, bytes: Uint8Array, task: BatchTask): Promise<BatchResult> {
  const r = await readBytes(bytes, file, { inline: true });
  if (!r.ok) return { ok: false, file, error: r.error };
  const diagnostics = check(r, [], task.rules ? { rules: task.rules } : {});
  const carry = carrySummary(r);
  if (task.kind === 'check') return { ok: true, file, diagnostics, carry };
  if (task.kind === 'read') return { ok: true, file, diagnostics, carry, read: r };
  return { ok: true, file, diagnostics, carry, chunk: await chunkOf(r.report, task.format) };
}

parentPort!.on('message', ({ id, file, bytes, task }: { id: number; file: string; bytes: Uint8Array; task: BatchTask }) => {
  run(file, bytes, task).then(
    (result) => parentPort!.postMessage({ id, result }),
    (e) => parentPort!.postMessage({ id, result: { ok: false, file, error: internalReason(e) } }),
  );
});
