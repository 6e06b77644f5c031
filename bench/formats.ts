// Reading real document formats, against the tools that set the floor:
//   PDF  — xxgk read+check vs bare pdfjs-dist getTextContent on every page (target ≤ 1.5×),
//          and `pdftotext -layout` (poppler, for the record);
//   DOCX — xxgk read+check vs `pandoc -t plain` (target ≥ 10× faster).
// Run: npm run bench:formats [-- --rounds N]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { check } from '../src/engine.ts';
import { mapDocument } from '../src/map/index.ts';
import { readPdfDocument } from '../src/read/pdf/index.ts';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 5;
const real = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'real');
const pdfs = existsSync(real) ? readdirSync(real).filter((f) => f.endsWith('.pdf')).map((f) => join(real, f)) : [];
const extra = join(import.meta.dirname, 'files');
if (existsSync(extra)) pdfs.push(...readdirSync(extra).filter((f) => f.endsWith('.pdf')).map((f) => join(extra, f)));

const require = createRequire(import.meta.url);
const pdfjsDir = dirname(require.resolve('pdfjs-dist/package.json'));
let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));

async function pdfjsText(bytes: Uint8Array): Promise<number> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), cMapUrl: join(pdfjsDir, 'cmaps') + '/', cMapPacked: true, standardFontDataUrl: join(pdfjsDir, 'standard_fonts') + '/', isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  let items = 0;
  for (let p = 1; p <= doc.numPages; p++) items += (await (await doc.getPage(p)).getTextContent()).items.length;
  const pages = doc.numPages;
  await doc.destroy();
  sample();
  return items >= 0 ? pages : 0;
}

async function xxgk(bytes: Uint8Array, file: string): Promise<void> {
  const doc = await readPdfDocument(bytes);
  if ('error' in doc) throw new Error(`${file}: ${doc.error}`);
  const read = mapDocument(doc, file);
  check(read);
  sample();
}

async function time(label: string, fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  for (let r = 0; r < rounds; r++) await fn();
  const ms = (performance.now() - t) / rounds;
  console.log(`${label.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms per round`);
  return ms;
}

const files = pdfs.map((f) => ({ f, bytes: new Uint8Array(readFileSync(f)) }));
if (!files.length) {
  console.log('no PDF files found');
  process.exit(0);
}
// Warm both paths (module loading, cmaps) before timing.
for (const { f, bytes } of files) {
  await pdfjsText(bytes);
  await xxgk(bytes, f);
}
let pages = 0;
for (const { bytes } of files) pages += await pdfjsText(bytes);
console.log(`PDF: ${files.length} files, ${pages} pages, ${rounds} rounds, node ${process.version}`);
const floor = await time('pdfjs getTextContent (floor)', async () => { for (const { bytes } of files) await pdfjsText(bytes); });
const ours = await time('xxgk read + check', async () => { for (const { f, bytes } of files) await xxgk(bytes, f); });
let poppler = NaN;
try {
  execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
  poppler = await time('pdftotext -layout (poppler, separate process)', async () => { for (const { f } of files) execFileSync('pdftotext', ['-layout', f, '-'], { stdio: ['ignore', 'ignore', 'ignore'] }); });
} catch {
  console.log('pdftotext not installed: skipped');
}
console.log(`xxgk / pdfjs floor: ${(ours / floor).toFixed(2)}× (target ≤ 1.5×)${Number.isNaN(poppler) ? '' : `; xxgk / pdftotext: ${(ours / poppler).toFixed(2)}×`}`);
console.log(`pages per second (xxgk): ${((pages / ours) * 1000).toFixed(1)}; peak RSS ${(peak / 1048576).toFixed(0)} MB`);
