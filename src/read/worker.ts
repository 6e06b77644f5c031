// The reader worker: reads files for the parent one at a time, so that a hostile file is bounded
// in time and memory (the parent terminates this worker) and cannot take the process down.
import { parentPort } from 'node:worker_threads';
import type { Document } from './document.ts';
import type { BinaryKind } from './isolate.ts';

async function read(kind: BinaryKind, bytes: Uint8Array): Promise<Document | { error: string }> {
  switch (kind) {
    case 'pdf':
      return (await import('./pdf/index.ts')).readPdfDocument(bytes);
    case 'docx':
      return (await import('./docx/index.ts')).readDocxDocument(bytes);
  }
}

parentPort!.on('message', ({ id, kind, bytes }: { id: number; kind: BinaryKind; bytes: Uint8Array }) => {
  read(kind, bytes).then(
    (result) => parentPort!.postMessage({ id, result }),
    (e: Error) => parentPort!.postMessage({ id, result: { error: `读取失败：${e.message}` } }),
  );
});
