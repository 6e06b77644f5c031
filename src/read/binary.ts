// The binary readers (PDF, DOCX) by kind, in the calling thread: the reader worker runs them for
// readIsolated, and a batch worker (src/batch), which has limits of its own, runs them directly.
import type { Document } from './document.ts';

export type BinaryKind = 'pdf' | 'docx';

export async function readBinary(kind: BinaryKind, bytes: Uint8Array): Promise<Document | { error: string; pages?: number }> {
  switch (kind) {
    case 'pdf':
      return (await import('./pdf/index.ts')).readPdfDocument(bytes);
    case 'docx':
      return (await import('./docx/index.ts')).readDocxDocument(bytes);
  }
}
