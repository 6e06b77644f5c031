// The reader worker: reads files for the parent one at a time, so that a hostile file is bounded
// in time and memory (the parent terminates this worker) and cannot take the process down.
import { parentPort } from 'node:worker_threads';
import { readBinary, type IsolatedKind } from './binary.ts';
import { internalReason } from './failures.ts';

// A promise pdfjs rejects after the result was sent belongs to no read: it must not end the worker.
process.on('unhandledRejection', () => {});

parentPort!.on('message', ({ id, kind, bytes }: { id: number; kind: IsolatedKind; bytes: Uint8Array }) => {
  readBinary(kind, bytes).then(
    (result) => parentPort!.postMessage({ id, result }),
    (e: unknown) => parentPort!.postMessage({ id, result: { error: internalReason(e) } }),
  );
});
