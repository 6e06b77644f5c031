// A batch worker: reads, checks and writes one file at a time for the parent (src/batch/index.ts),
// which bounds it in time and memory and replaces it when it fails.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { statSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { internalReason } from '../read/failures.ts';
import { readRegularFile } from './bytes.ts';
import type { Answer } from './index.ts';
import { runTask } from './run.ts';
import { HEAVY_BYTES, type BatchTask } from './task.ts';

// A promise a reader rejects after its result was sent (pdfjs on a damaged file) belongs to no
// file: it must not end the worker, and its English never reaches the user.
process.on('unhandledRejection', () => {});

/** A regular file is read here (and reported as `name`); anything else goes back to the parent to read (src/batch/bytes.ts). */
async function answer(file: string, name: string, given: Uint8Array | undefined, task: BatchTask, heavy: boolean): Promise<Answer> {
  // A large file is not read until its turn (its size is enough to know).
  if (!heavy && !given && (statSync(file, { throwIfNoEntry: false })?.size ?? 0) > HEAVY_BYTES) return { heavy: true, file };
  const b = given ? { bytes: given } : readRegularFile(file);
  if ('notRegular' in b) return { delegate: true, file };
  if ('error' in b) return { ok: false, file: name, error: b.error };
  return runTask(name, b.bytes, task, { inline: true });
}

// After a large file the heap is collected at once and given back: V8 keeps a grown heap for later
// garbage, so every worker that once read a large file would hold that file's peak (V8's own
// gc(), reached as Node's documentation of --expose-gc shows for a running process).
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

parentPort!.on('message', ({ id, file, name, bytes, task, heavy }: { id: number; file: string; name?: string; bytes?: Uint8Array; task: BatchTask; heavy?: boolean }) => {
  // …and before it, so that it starts from the live heap, not from the garbage of the files before.
  if (heavy) collect();
  answer(file, name ?? file, bytes, task, heavy === true).then(
    (result) => {
      parentPort!.postMessage({ id, result });
      if (heavy) collect();
    },
    (e) => parentPort!.postMessage({ id, result: { ok: false, file: name ?? file, error: internalReason(e) } }),
  );
});
