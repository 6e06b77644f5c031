// The PDF reader: pdfjs-dist's positioned text → lines → cells → table rows (layout.ts).
// pdfjs is the pure-JS floor for text extraction; this adds only the geometry on top of it.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { Document, DocRow } from '../document.ts';
import { layoutPage, type PageText, type Run } from './layout.ts';
import { joinPages } from './pages.ts';
import { pdfReason } from './reasons.ts';
import { segmentsOf } from './rulings.ts';

/** Pages read at most: a report has 3–20; a 10,000-page file is refused, not read. */
export const MAX_PAGES = 300;

const require = createRequire(import.meta.url);
const pdfjsDir = dirname(require.resolve('pdfjs-dist/package.json'));

/** A PDF whose pages carry no text: a scan, for the OCR reader. */
export const NO_TEXT_LAYER = 'PDF 没有文字层（扫描件）';

/**
 * pdfjs's legacy build (the one that runs on Node 20) carries core-js polyfills that it forces on
 * Node 20 although its built-ins behave the same for every use here: Array.prototype.push,
 * JSON.stringify, JSON.parse and Function.prototype.toString are replaced for the whole thread.
 * Measured: push 5× slower after the import, and a PDF read 25–40 % slower, and so is everything
 * the thread does after its first PDF (a batch worker goes on with text reports). The built-ins
 * are put back once pdfjs is loaded; it does not depend on the replacements.
 */
let pdfjsModule: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | null = null;
export function loadPdfjs(): Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> {
  pdfjsModule ??= (async () => {
    const natives = ([[Array.prototype, 'push'], [JSON, 'stringify'], [JSON, 'parse'], [Function.prototype, 'toString']] as const).map(([o, k]) => [o, k, Object.getOwnPropertyDescriptor(o, k)!] as const);
    // pdfjs loads @napi-rs/canvas (for DOMMatrix), which scans the system's fonts as it loads:
    // 36 ms at each reader's start, for drawing that xxgk never does (OCR rasterises with pdftoppm).
    const scan = process.env.DISABLE_SYSTEM_FONTS_LOAD;
    process.env.DISABLE_SYSTEM_FONTS_LOAD = '1';
    const m = await import('pdfjs-dist/legacy/build/pdf.mjs');
    if (scan === undefined) delete process.env.DISABLE_SYSTEM_FONTS_LOAD;
    else process.env.DISABLE_SYSTEM_FONTS_LOAD = scan;
    // Its "fake worker" (the parser, in this thread on Node) is a module of its own with the same
    // polyfills, which pdfjs would import at the first document; it is loaded here, where pdfjs
    // looks for it first (globalThis.pdfjsWorker), so that the built-ins are put back after both.
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    for (const [o, k, d] of natives) Object.defineProperty(o, k, d);
    return m;
  })();
  return pdfjsModule;
}

/**
 * The operator list (read for the ruling lines of pages with short rows) with font faces disabled
 * makes pdfjs compile the outline of every glyph on the page and send it across, as a renderer
 * without font support would need: measured, the operator lists of 28 PDFs took 1.9–2.5 s so, and
 * 0.6–0.8 s with font faces on. Font faces on need a Font Loading API, which Node lacks, and the
 * reader draws nothing: a document whose `fonts` take any face and a FontFace that is loaded at
 * once. PDFs are read in reader and batch worker threads (read/isolate.ts, batch/): the FontFace
 * given here lives in such a thread alone. Elsewhere (a script reading on its main thread, a
 * thread with a FontFace of its own) pdfjs reads as before, with font faces disabled.
 */
class NoFontFace {
  readonly loaded = Promise.resolve(this);
  constructor(readonly family: string) {}
  load(): Promise<this> {
    return this.loaded;
  }
}
const noFonts = { fonts: { add(): void {}, delete(): void {} } };
function fontFaces(): boolean {
  const g = globalThis as { FontFace?: unknown };
  if (g.FontFace === undefined && !isMainThread) g.FontFace = NoFontFace;
  return g.FontFace === NoFontFace;
}

export async function readPdfDocument(bytes: Uint8Array): Promise<Document | { error: string; pages?: number }> {
  const pdfjs = await loadPdfjs();
  let doc;
  try {
    doc = await pdfjs.getDocument({
      // pdfjs takes ownership of (and detaches) the buffer it is given.
      data: new Uint8Array(bytes),
      cMapUrl: join(pdfjsDir, 'cmaps') + '/',
      cMapPacked: true,
      standardFontDataUrl: join(pdfjsDir, 'standard_fonts') + '/',
      isEvalSupported: false,
      ...(fontFaces() ? { disableFontFace: false, ownerDocument: noFonts as unknown as HTMLDocument } : { disableFontFace: true }),
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (e) {
    return { error: pdfReason(e) };
  }
  let p = 0;
  try {
    if (doc.numPages > MAX_PAGES) return { error: `PDF 共 ${doc.numPages} 页，超过 ${MAX_PAGES} 页上限` };
    const pages: PageText[] = [];
    let line = 1;
    let textRuns = 0;
    for (p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const height = page.view[3] - page.view[1];
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const [, , , d, e, f] = item.transform as number[];
        runs.push({ text: item.str, x: e, y: height - f, w: item.width, h: item.height || Math.abs(d) });
      }
      textRuns += runs.length;
      let laid = layoutPage(runs, p, line);
      // A row of numbers that may hide a blank cell: its cells are placed by the page's
      // ruling lines. The operator list costs as much again as the text, so only such pages pay.
      if (laid.short) laid = layoutPage(runs, p, line, segmentsOf(await page.getOperatorList(), pdfjs.OPS, height));
      pages.push(laid);
      line += laid.rows.length;
      page.cleanup();
    }
    if (textRuns === 0) return { error: NO_TEXT_LAYER, pages: doc.numPages };
    const rows: DocRow[] = joinPages(pages);
    return { format: 'pdf', layout: 'positioned', rows, messages: [] };
  } catch (e) {
    return { error: pdfReason(e, p > 0 && p <= doc.numPages ? p : undefined) };
  } finally {
    await doc.destroy();
  }
}
