// The OCR reader: the real report PDFs read as scans (no text layer used), a skewed and speckled
// multi-page JPEG-quality TIFF scan, an image without text, a machine without tesseract; and the
// table geometry on made-up pages.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { mapDocument } from '../src/map/index.ts';
import { getCell } from '../src/model/paths.ts';
import { findTables } from '../src/read/ocr/cells.ts';
import { asNumber, ocrPdfPages, readImageDocument, type OcrDocument } from '../src/read/ocr/index.ts';
import { estimateSkew, removeRules, rotate, type Gray } from '../src/read/ocr/raster.ts';
import { TESSERACT_MISSING } from '../src/read/ocr/tesseract.ts';
import { sharedPath, sharedSkip, withShared } from './shared.ts';

const real = sharedPath('corpus', 'real');

function installed(): boolean {
  try {
    return /^chi_sim$/m.test(execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) && /pdftoppm/.test(execFileSync('pdftoppm', ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) + 'pdftoppm');
  } catch {
    return false;
  }
}
const skip = installed() ? false : 'tesseract 或其中文数据、pdftoppm 未安装（apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils）';

function flatten(o: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (o === null || typeof o !== 'object') out[prefix] = o;
  else for (const [k, v] of Object.entries(o)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

const pageCount = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);

/**
 * Maps an OCR'd document and scores it against the gold file: the share of cells right, and the
 * wrong ones that were not flagged as low-confidence (a wrong number must never look sure).
 */
function score(doc: OcrDocument, goldFile: string) {
  const gold = JSON.parse(readFileSync(goldFile, 'utf8'));
  const { report, source } = mapDocument(doc, goldFile);
  const want = flatten({ active: gold.active, applications: gold.applications, reviews: gold.reviews });
  let right = 0;
  let all = 0;
  const unflagged: string[] = [];
  for (const [path, v] of Object.entries(want)) {
    if (v === undefined) continue;
    all++;
    const got = getCell(report, path);
    if (got === v) {
      right++;
      continue;
    }
    const at = source.cells.get(path);
    const flagged = at && doc.numbers.some((n) => n.line === at.line && n.page === at.page && n.text === String(got) && n.conf < 80);
    if (!flagged) unflagged.push(`${path}: ${got} ≠ ${v}`);
  }
  return { share: right / all, unflagged, year: report.meta.year, goldYear: gold.meta.year };
}

withShared('the real PDFs as scans (evaluation corpus)', () => {
  for (const file of readdirSync(real).filter((f) => f.endsWith('.pdf'))) {
    test(`real/${file} rasterised at 300 dpi and OCR'd: the gold cells (measured 100 %), low-confidence numbers flagged`, { skip }, async () => {
      const pdf = join(real, file);
      const pages = Array.from({ length: pageCount(pdf) }, (_, i) => i + 1);
      const doc = await ocrPdfPages(new Uint8Array(readFileSync(pdf)), pages);
      if ('error' in doc) assert.fail(doc.error);
      assert.equal(doc.format, 'ocr');
      assert.equal(typeof doc.ocrConfidence, 'number');
      assert.ok(doc.numbers.length > 150, 'every number cell has its confidence');
      assert.ok(doc.numbers.every((n) => n.conf >= 0 && n.conf <= 100 && n.page >= 1));
      assert.equal(doc.ocrConfidence, Math.min(...doc.numbers.map((n) => n.conf)));
      for (const m of doc.messages) assert.match(m.message, /^第 \d+ 页第 \d+ 行「[\d.,-]+」识别置信度 \d+%$/);
      const { share, unflagged, year, goldYear } = score(doc, pdf.replace(/\.pdf$/, '.gold.json'));
      assert.equal(year, goldYear);
      assert.ok(share >= 0.99, `${(share * 100).toFixed(2)} % of cells right`);
      assert.deepEqual(unflagged, []);
    });
  }
});

/** A page as a scanner gives it: turned a little, speckled, blurred; the same size. */
async function scanned(g: Gray, angle: number, seed: number): Promise<Buffer> {
  const px = new Uint8Array(g.data);
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let k = 0; k < px.length; k++) px[k] = Math.max(0, Math.min(255, px[k] + (rnd() - 0.5) * 50));
  const { data, info } = await sharp(px, { raw: { width: g.width, height: g.height, channels: 1 } }).rotate(angle, { background: '#ffffff' }).blur(0.6).raw().toBuffer({ resolveWithObject: true });
  // Turning enlarges the canvas: keep the middle, the page's own size.
  const left = (info.width - g.width) >> 1;
  const top = (info.height - g.height) >> 1;
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).extract({ left, top, width: g.width, height: g.height }).extractChannel(0).raw().toBuffer();
}

test('a skewed, speckled multi-page TIFF scan of a real report: the gold cells, wrong ones flagged', { skip: skip || sharedSkip, timeout: 120_000 }, async () => {
  const pdf = join(real, 'huaian-hongze-2023.pdf');
  const pages: Buffer[] = [];
  let width = 0;
  let height = 0;
  for (let p = 1; p <= pageCount(pdf); p++) {
    const png = execFileSync('pdftoppm', ['-r', '300', '-gray', '-png', '-singlefile', '-f', String(p), '-l', String(p), pdf]);
    const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
    ({ width, height } = info);
    pages.push(await scanned({ width, height, data: new Uint8Array(data) }, p % 2 ? 0.7 : -0.5, p));
  }
  const tiff = await sharp(Buffer.concat(pages), { raw: { width, height: height * pages.length, channels: 1, pageHeight: height } }).tiff({ compression: 'jpeg', quality: 70 }).toBuffer();
  const doc = await readImageDocument(new Uint8Array(tiff), 'tiff');
  if ('error' in doc) assert.fail(doc.error);
  assert.equal(doc.format, 'ocr');
  assert.deepEqual([...new Set(doc.rows.map((r) => r.page))], [1, 2, 3, 4, 5]);
  const { share, unflagged } = score(doc, pdf.replace(/\.pdf$/, '.gold.json'));
  assert.ok(share >= 0.99, `${(share * 100).toFixed(2)} % of cells right`);
  assert.deepEqual(unflagged, []);
});

test('an image without text is a document with no rows, which the mapper calls not a report', { skip }, async () => {
  const png = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#ffffff' } }).png().toBuffer();
  const doc = await readImageDocument(new Uint8Array(png), 'png');
  if ('error' in doc) assert.fail(doc.error);
  assert.equal(doc.format, 'ocr');
  assert.equal(doc.rows.length, 0);
  assert.equal(doc.ocrConfidence, undefined);
  assert.equal(mapDocument(doc, 'blank.png').looksLikeReport, false);
});

test('bytes that are no image: a clear error', { skip }, async () => {
  const r = await readImageDocument(new TextEncoder().encode('not an image'), 'png');
  assert.ok('error' in r && r.error.startsWith('无法读取图片'), JSON.stringify(r).slice(0, 200));
});

test('without tesseract on PATH both readers say what to install', async () => {
  const path = process.env.PATH;
  process.env.PATH = '';
  try {
    const png = await sharp({ create: { width: 100, height: 100, channels: 3, background: '#ffffff' } }).png().toBuffer();
    assert.deepEqual(await readImageDocument(new Uint8Array(png), 'png'), { error: TESSERACT_MISSING });
    assert.deepEqual(await ocrPdfPages(new TextEncoder().encode('%PDF-1.4\n%%EOF\n'), [1]), { error: TESSERACT_MISSING });
  } finally {
    process.env.PATH = path;
  }
  assert.match(TESSERACT_MISSING, /apt-get install tesseract-ocr tesseract-ocr-chi-sim/);
});

test('look-alike letters become digits only in a cell that is otherwise a number', () => {
  assert.equal(asNumber('1O5', false), '105');
  assert.equal(asNumber('l2', false), '12');
  assert.equal(asNumber('O', true), '0');
  assert.equal(asNumber('O', false), null);
  assert.equal(asNumber('IS', false), null);
  assert.equal(asNumber('规章', true), null);
  assert.equal(asNumber('96171.6', false), '96171.6');
});

/** A white page with a ruled 3-column, 3-row table; the middle row's first two cells merged. */
function ruledPage(): Gray {
  const W = 900;
  const H = 700;
  const data = new Uint8Array(W * H).fill(255);
  const hline = (y: number, x0: number, x1: number) => {
    for (let t = 0; t < 3; t++) data.fill(0, (y + t) * W + x0, (y + t) * W + x1);
  };
  const vline = (x: number, y0: number, y1: number) => {
    for (let y = y0; y < y1; y++) for (let t = 0; t < 3; t++) data[y * W + x + t] = 0;
  };
  for (const y of [100, 250, 400, 550]) hline(y, 100, 803);
  vline(100, 100, 553);
  vline(800, 100, 553);
  vline(400, 100, 250);
  vline(400, 400, 553);
  vline(600, 100, 553);
  // A "character": a 40×40 block inside the first cell, which must survive.
  for (let y = 150; y < 190; y++) data.fill(0, y * W + 150, y * W + 190);
  return { width: W, height: H, data };
}

test('table rules are painted out, characters kept, and the grid gives the cells with merged ones', () => {
  const g = ruledPage();
  const rules = removeRules(g, 120);
  assert.equal(rules.h.length, 4);
  assert.equal(rules.v.length, 5);
  assert.equal(g.data[100 * g.width + 300], 255, 'a rule is white');
  assert.equal(g.data[170 * g.width + 170], 0, 'the character is kept');
  const [table] = findTables(rules);
  const cells = table.cells.map((c) => [c.x0, c.y0, c.x1, c.y1].map((v) => Math.round(v / 50) * 50).join(',')).sort();
  assert.deepEqual(cells, ['100,100,400,250', '100,250,600,400', '100,400,400,550', '400,100,600,250', '400,400,600,550', '600,100,800,250', '600,250,800,400', '600,400,800,550'].sort());
});

test('the skew of a turned page is found and undone', () => {
  const g = ruledPage();
  assert.equal(estimateSkew(g), 0);
  for (const deg of [1.2, -0.6, 3]) {
    // rotate(g, d) turns the page so that its skew is -d; estimateSkew finds it, rotate undoes it.
    const turned = rotate(g, -deg);
    const found = estimateSkew(turned);
    assert.ok(Math.abs(found - deg) <= 0.1, `${deg}: ${found}`);
    assert.ok(Math.abs(estimateSkew(rotate(turned, found))) <= 0.1);
  }
});
