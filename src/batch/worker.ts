// A batch worker: reads, checks and writes one file at a time for the parent (src/batch/index.ts),
// which bounds it in time and memory and replaces it when it fails.
import { parentPort } from 'node:worker_threads';
import { internalReason } from '../read/failures.ts';
import { readRegularFile } from './bytes.ts';
import type { Answer } from './index.ts';
import { runTask } from './run.ts';
import type { BatchTask } from './task.ts';

// A promise a reader rejects after its result was sent (pdfjs on a damaged file) belongs to no
// file: it must not end the worker, and its English never reaches the user.
process.on('unhandledRejection', () => {});

/** A regular file is read here; anything else goes back to the parent to read (src/batch/bytes.ts). */
async function answer(file: string, given: Uint8Array | undefined, task: BatchTask): Promise<Answer> {
  const b = given ? { bytes: given } : readRegularFile(file);
  if ('notRegular' in b) return { delegate: true, file };
  if ('error' in b) return { ok: false, file, error: b.error };
  return runTask(file, b.bytes, task, { inline: true });
}

parentPort!.on('message', ({ id, file, bytes, task }: { id: number; file: string; bytes?: Uint8Array; task: BatchTask }) => {
  answer(file, bytes, task).then(
    (result) => parentPort!.postMessage({ id, result }),
    (e) => parentPort!.postMessage({ id, result: { ok: false, file, error: internalReason(e) } }),
  );
});
