// A batch worker: reads, checks and writes one file at a time for the parent (src/batch/index.ts),
// which bounds it in time and memory and replaces it when it fails.
import { parentPort } from 'node:worker_threads';
import { internalReason } from '../read/failures.ts';
import { runTask } from './run.ts';
import type { BatchTask } from './task.ts';

// A promise a reader rejects after its result was sent (pdfjs on a damaged file) belongs to no
// file: it must not end the worker, and its English never reaches the user.
process.on('unhandledRejection', () => {});

parentPort!.on('message', ({ id, file, bytes, task }: { id: number; file: string; bytes: Uint8Array; task: BatchTask }) => {
  runTask(file, bytes, task, { inline: true }).then(
    (result) => parentPort!.postMessage({ id, result }),
    (e) => parentPort!.postMessage({ id, result: { ok: false, file, error: internalReason(e) } }),
  );
});
