// The floor for reading PDFs in JavaScript, as a command: a fresh Node process that loads pdfjs-dist
// and takes the text content of every page of every file given (what any pdfjs-based reader must
// do at least). bench/formats.ts runs it beside `xxgk check` on the same files. pdfjs is loaded as
// xxgk loads it (loadPdfjs: with Node's own built-ins put back over its polyfills, which makes it
// faster), so that the floor is pdfjs at its best.
// Run: node bench/pdfjs-floor.mjs FILE.pdf…
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const dir = dirname(require.resolve('pdfjs-dist/package.json'));
const { loadPdfjs } = await import('../dist/read/pdf/index.js');
const pdfjs = await loadPdfjs();
let pages = 0;
for (const f of process.argv.slice(2)) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(f)), cMapUrl: join(dir, 'cmaps') + '/', cMapPacked: true, standardFontDataUrl: join(dir, 'standard_fonts') + '/', isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  for (let p = 1; p <= doc.numPages; p++) await (await doc.getPage(p)).getTextContent();
  pages += doc.numPages;
  await doc.destroy();
}
console.log(pages);
