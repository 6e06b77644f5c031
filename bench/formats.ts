// Reading real document formats, against the tools that set the floor:
//   PDF  — xxgk read+check vs bare pdfjs-dist getTextContent on every page (target ≤ 1.5×),
//          and `pdftotext -layout` (poppler, for the record);
//   DOCX — xxgk read+check vs `pandoc -t plain` (target ≥ 10× faster);
// both in this process and through the command as a user runs it (`xxgk check FILES --jobs 1`
// against a fresh process doing pdfjs's part alone, bench/pdfjs-floor.mjs, and pandoc per file).
// Run: npm run bench:formats [-- --rounds N]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { check } from '../dist/engine.js';
import { mapDocument } from '../dist/map/index.js';
import { readPdfDocument } from '../dist/read/pdf/index.js';

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

// ---------------------------------------------------------------- DOCX
const { readDocxDocument } = await import('../dist/read/docx/index.js');
const { toHtml } = await import('../dist/write/html.js');
const { readText } = await import('../dist/engine.js');
const { copyFileSync, mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
const { spawnSync } = await import('node:child_process');
const { tmpdir } = await import('node:os');
/** A temporary folder, removed when the benchmark ends. */
const scratch = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), name));
  process.on('exit', () => rmSync(d, { recursive: true, force: true }));
  return d;
};
const docxFiles: string[] = [join(import.meta.dirname, '..', '..', 'shared', 'spec', 'official', 'template-2021-blank.docx')].filter(existsSync);
try {
  // The seed reports as DOCX made by an independent producer (LibreOffice), when it is installed.
  execFileSync('soffice', ['--version'], { stdio: 'ignore' });
  const dir = scratch('xxgk-bench-');
  const seedDir = join(import.meta.dirname, '..', 'examples');
  const html: string[] = [];
  for (const f of readdirSync(seedDir).filter((x) => x.endsWith('.txt'))) {
    const r = readText(readFileSync(join(seedDir, f), 'utf8'), f);
    if (!r.ok) continue;
    const p = join(dir, f.replace(/\.txt$/, '.html'));
    writeFileSync(p, toHtml(r.report));
    html.push(p);
  }
  execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', dir, ...html], { stdio: 'ignore' });
  docxFiles.push(...readdirSync(dir).filter((f) => f.endsWith('.docx')).map((f) => join(dir, f)));
} catch {
  console.log('LibreOffice not installed: DOCX benchmark on the official template only');
}
const docxBytes = docxFiles.map((f) => ({ f, bytes: new Uint8Array(readFileSync(f)) }));
const docxRounds = rounds * 10;
const readDocx = () => {
  for (const { f, bytes } of docxBytes) {
    const doc = readDocxDocument(bytes);
    if ('error' in doc) throw new Error(`${f}: ${doc.error}`);
    check(mapDocument(doc, f));
  }
};
readDocx();
console.log(`\nDOCX: ${docxBytes.length} files, ${docxRounds} rounds`);
let t = performance.now();
for (let r = 0; r < docxRounds; r++) readDocx();
const docxMs = (performance.now() - t) / docxRounds;
console.log(`${'xxgk read + check'.padEnd(44)} ${docxMs.toFixed(1).padStart(9)} ms per round`);
try {
  execFileSync('pandoc', ['--version'], { stdio: 'ignore' });
  const pandocRounds = Math.max(1, Math.round(rounds / 2));
  t = performance.now();
  for (let r = 0; r < pandocRounds; r++) for (const { f } of docxBytes) execFileSync('pandoc', ['-t', 'plain', f], { stdio: ['ignore', 'ignore', 'ignore'] });
  const pandocMs = (performance.now() - t) / pandocRounds;
  console.log(`${'pandoc -t plain (a separate process)'.padEnd(44)} ${pandocMs.toFixed(1).padStart(9)} ms per round`);
  console.log(`xxgk is ${(pandocMs / docxMs).toFixed(1)}× faster than pandoc (target ≥ 10×)`);
} catch {
  console.log('pandoc not installed (Debian: apt-get install pandoc): comparison skipped');
}

// ---------------------------------------------------------------- through the command
// As a user meets it: one `xxgk check … --jobs 1` process over the files (start-up, the reader
// worker, pdfjs loading included) against one process doing only pdfjs's text extraction of the
// same files, and pandoc started once per file. The minimum of three runs each.
const { renderReport } = await import('../dist/write/index.js');
const cmdDir = scratch('xxgk-bench-cmd-');
const wall = (cmd: string, args: string[]) => {
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { stdio: 'ignore' });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args[0]}: exit ${r.status}`);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
};
const bin = join(import.meta.dirname, '..', 'bin', 'xxgk.js');
// PDFs: the real ones and the seed reports written by xxgk's PDF writer, four copies of each.
const cmdPdfs: string[] = [];
for (const { f } of files) for (let k = 0; k < 4; k++) copyFileSync(f, cmdPdfs[cmdPdfs.push(join(cmdDir, `real-${k}-${f.replace(/^.*\//, '')}`)) - 1]);
for (const f of readdirSync(join(import.meta.dirname, '..', 'examples')).filter((x) => x.endsWith('.txt'))) {
  const r = readText(readFileSync(join(import.meta.dirname, '..', 'examples', f), 'utf8'), f);
  if (!r.ok) continue;
  const pdf = await renderReport(r.report, 'pdf');
  for (let k = 0; k < 4; k++) writeFileSync(cmdPdfs[cmdPdfs.push(join(cmdDir, `seed-${k}-${f.replace(/\.txt$/, '.pdf')}`)) - 1], pdf);
}
const floorCmd = wall('node', [join(import.meta.dirname, 'pdfjs-floor.mjs'), ...cmdPdfs]);
const xxgkCmd = wall('node', [bin, 'check', '--jobs', '1', ...cmdPdfs]);
console.log(`\nthrough the command, ${cmdPdfs.length} PDFs:`);
console.log(`${'node pdfjs-floor.mjs (pdfjs text only)'.padEnd(44)} ${floorCmd.toFixed(0).padStart(9)} ms`);
console.log(`${'xxgk check --jobs 1'.padEnd(44)} ${xxgkCmd.toFixed(0).padStart(9)} ms  ${(xxgkCmd / floorCmd).toFixed(2)}× the floor (target ≤ 1.5×)`);
const cmdDocx: string[] = [];
// Ten copies of each: a government office's forty-odd departments' reports, in one command.
for (const { f } of docxBytes) for (let k = 0; k < 10; k++) copyFileSync(f, cmdDocx[cmdDocx.push(join(cmdDir, `${k}-${f.replace(/^.*\//, '')}`)) - 1]);
const xxgkDocx = wall('node', [bin, 'check', '--jobs', '1', ...cmdDocx]);
console.log(`through the command, ${cmdDocx.length} DOCX:`);
console.log(`${'xxgk check --jobs 1'.padEnd(44)} ${xxgkDocx.toFixed(0).padStart(9)} ms`);
try {
  execFileSync('pandoc', ['--version'], { stdio: 'ignore' });
  let pandocMs = Infinity;
  for (let k = 0; k < 2; k++) {
    const t0 = performance.now();
    for (const f of cmdDocx) execFileSync('pandoc', ['-t', 'plain', f], { stdio: ['ignore', 'ignore', 'ignore'] });
    pandocMs = Math.min(pandocMs, performance.now() - t0);
  }
  console.log(`${'pandoc -t plain, once per file'.padEnd(44)} ${pandocMs.toFixed(0).padStart(9)} ms  xxgk is ${(pandocMs / xxgkDocx).toFixed(1)}× faster (target ≥ 10×)`);
} catch {
  console.log('pandoc not installed: comparison skipped');
}
