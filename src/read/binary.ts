// The readers that run in a worker thread with limits (PDF, DOCX, HTML: a hostile file of each
// can take seconds and gigabytes), by kind, in the calling thread: the reader worker runs them for
// readIsolated, and a batch worker (src/batch), which has limits of its own, runs them directly.
import type { Document } from './document.ts';

export type IsolatedKind = 'pdf' | 'docx' | 'html';

export async function readBinary(kind: IsolatedKind, bytes: Uint8Array): Promise<Document | { error: string; pages?: number }> {
  switch (kind) {
    case 'pdf':
      return (await import('./pdf/index.ts')).readPdfDocument(bytes);
    case 'docx':
      return (await import('./docx/index.ts')).readDocxDocument(bytes);
    case 'html': {
      const [{ readHtmlDocument }, { decodeHtml }] = await Promise.all([import('./html/index.ts'), import('./html/charset.ts')]);
      // As browsers do: the BOM, the declared charset, else sniffed; a wrong declaration is a message.
      const page = decodeHtml(bytes);
      const doc = readHtmlDocument(page.text);
      doc.messages.unshift(...page.messages);
      return doc;
    }
  }
}
