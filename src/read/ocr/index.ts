// The OCR reader: scanned pages (images, or PDF pages without a text layer) → Document.
// Debian's tesseract reads the words with their boxes and confidences; the PDF reader's page
// geometry (layoutPage) turns them into rows of cells, so a scan is mapped like any other PDF.
// What is OCR-specific lives here: table rules are painted out and each ruled cell is read on its
// own (cells.ts), rule artefacts are dropped, letters read for digits in number cells are fixed,
// and the confidence of every number read is kept.
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Document, DocRow, ReaderMessage } from '../document.ts';
import { layoutPage, type PageText, type Run } from '../pdf/layout.ts';
import { joinPages } from '../pdf/pages.ts';
import { findTables, type Box, type Table } from './cells.ts';
import { estimateSkew, readPgm, removeRules, rotate, scale as scaleImage, whitenPaper, writePgm, type Gray } from './raster.ts';
import { run, withTempDir } from '../../util/process.ts';
import { DEFAULT_TESSERACT, PDFTOPPM_MISSING, tesseractMissing, tesseractWords, type TesseractOptions, type Word } from './tesseract.ts';

export type ImageKind = 'png' | 'jpeg' | 'tiff' | 'gif';

export interface OcrOptions {
  /** Resolution PDF pages are rasterised at. */
  dpi: number;
  /** Tesseract settings for the text outside tables. */
  tesseract: TesseractOptions;
  /** Tesseract settings for the table cells, each read on its own. */
  cellTesseract: TesseractOptions;
  /** Tesseract settings for reading number cells again (null: no second reading). */
  numberTesseract: TesseractOptions | null;
  /** Pages OCR'd side by side. */
  concurrency: number;
  /** A number read with less confidence than this is listed in the document's messages. */
  lowConfidence: number;
  /** Pages OCR'd at most: a report has 3–20. */
  maxPages: number;
  /** Paint out table rules and read ruled cells one by one (false: one tesseract pass over the page). */
  tables: boolean;
}

export const DEFAULT_OCR: OcrOptions = {
  dpi: 300,
  tesseract: DEFAULT_TESSERACT,
  cellTesseract: DEFAULT_TESSERACT,
  numberTesseract: { ...DEFAULT_TESSERACT, lang: 'eng', psm: 7, config: { tessedit_char_whitelist: '0123456789.,-' } },
  concurrency: Math.max(1, Math.min(4, availableParallelism())),
  lowConfidence: 80,
  tables: true,
  maxPages: 60,
};

/** The tesseract languages the options use. */
const languages = (o: OcrOptions) => [...new Set([o.tesseract, o.cellTesseract, o.numberTesseract].flatMap((t) => (t ? t.lang.split('+') : [])))];

/** One number cell and how sure tesseract was of it. */
export interface NumberConfidence {
  page: number;
  line: number;
  text: string;
  conf: number;
}

/** An OCR'd document: the Document, and the confidence of every number cell (also summarised in its messages). */
export type OcrDocument = Document & { numbers: NumberConfidence[] };

/** A table rule read as text: a lone bar, or a long run of dashes or underscores. */
const RULE = /^(?:[|丨｜│┃¦!]+|[_＿—–\-－=~～一.·…]{3,})$/;
/** Box-drawing artefacts that are real characters elsewhere: dropped only when they stand alone. */
const LONE_ARTEFACT = /^[回口]$/;
const DIGITS = /\d/;
/** Bars glued to a word by the rule next to it. */
const EDGE_BARS = /^[|丨｜│┃¦]+|[|丨｜│┃¦]+$/g;
/** A number as it may be printed in a cell. */
const NUMBER = /^[-+]?\d[\d,，.]*$/;
/** Letters tesseract reads for digits. */
const LOOKALIKE: Record<string, string> = { O: '0', o: '0', D: '0', '〇': '0', '○': '0', l: '1', I: '1', '|': '1', '丨': '1', S: '5', s: '5', B: '8', Z: '2', z: '2' };
const LOOKALIKE_CLASS = /[OoD〇○lI|丨SsBZz]/g;
const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

/** A digit-only reading of a cell whose other characters are digit look-alikes; null when it is not numeric. */
export function asNumber(text: string, rowIsNumeric: boolean): string | null {
  const t = text.replace(/\s+/g, '');
  if (NUMBER.test(t)) return t;
  // Only a cell that already holds a digit, or a lone look-alike in a row of numbers, is numeric.
  if (!DIGITS.test(t) && !(rowIsNumeric && t.length === 1)) return null;
  const fixed = t.replace(LOOKALIKE_CLASS, (c) => LOOKALIKE[c] ?? c);
  return NUMBER.test(fixed) ? fixed : null;
}

interface OcrRun extends Run {
  conf: number;
  numeric: boolean;
}

/** Cleans words of rule artefacts; the ones kept, with their text trimmed. */
function cleanWords(words: Word[]): Word[] {
  const out: Word[] = [];
  for (const w of words) {
    const text = w.text.replace(EDGE_BARS, '').trim();
    if (!text || RULE.test(text)) continue;
    if (w.conf < 10 && !/^\d+$/.test(text)) continue;
    out.push({ ...w, text });
  }
  // A lone 回/口 far from any other word of its line is a cell box, not a character.
  return out.filter((w) => {
    if (!LONE_ARTEFACT.test(w.text)) return true;
    return out.some((o) => o !== w && o.lineKey === w.lineKey && Math.min(Math.abs(o.left - (w.left + w.width)), Math.abs(w.left - (o.left + o.width))) < w.height);
  });
}

/** Tesseract reads the round bracket of these fonts as 〈 or 《: one closed by `)` is a round one. */
function fixBrackets(text: string): string {
  return text.includes('〈') || text.includes('《') ? text.replace(/[〈《]([^〈《》〉()（）]*[)）])/g, '（$1') : text;
}

/** Joins word texts: Chinese needs no spaces; Latin words and numbers next to letters keep one. */
function joinTexts(texts: string[]): string {
  let out = '';
  for (const t of texts) {
    const sp = out && /[A-Za-z]$/.test(out) && /^[A-Za-z]/.test(t) && !CJK.test(t[0]) ? ' ' : '';
    out += sp + t;
  }
  return fixBrackets(out);
}

function byLine(words: Word[]): Word[][] {
  const lines = new Map<string, Word[]>();
  for (const w of words) {
    const l = lines.get(w.lineKey);
    if (l) l.push(w);
    else lines.set(w.lineKey, [w]);
  }
  const out = [...lines.values()];
  for (const l of out) l.sort((a, b) => a.left - b.left);
  return out.sort((a, b) => a[0].lineTop - b[0].lineTop);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * Words of the text outside tables → runs: tesseract splits Chinese into single characters, so
 * words of one line closer than a character are one run; two numbers are two runs unless they
 * touch closer than a narrow digit (a number split by the reader).
 */
function proseRuns(words: Word[], scale: number): OcrRun[] {
  const runs: OcrRun[] = [];
  for (const line of byLine(words)) {
    // The line's character height: the median word height (punctuation is shorter).
    const ch = median(line.map((w) => w.height));
    const base = median(line.map((w) => w.top + w.height));
    let cur: Word[] = [];
    let right = 0;
    const flush = () => {
      if (!cur.length) return;
      runs.push({ text: joinTexts(cur.map((w) => w.text)), x: cur[0].left * scale, y: base * scale, w: (right - cur[0].left) * scale, h: ch * scale, conf: Math.min(...cur.map((w) => w.conf)), numeric: false });
      cur = [];
    };
    for (const w of line) {
      if (cur.length) {
        const prev = cur[cur.length - 1];
        const bothDigits = /\d[.,]?$/.test(prev.text) && /^[.,]?\d/.test(w.text);
        if (w.left - right > (bothDigits ? ch * 0.4 : ch * 0.9)) flush();
      }
      if (!cur.length) right = w.left + w.width;
      cur.push(w);
      right = Math.max(right, w.left + w.width);
    }
    flush();
  }
  return runs;
}

/**
 * The words read in one table cell → one run centred in the cell, so that the cells of a row
 * (which share their rules) stand on one line for the layout whatever their own alignment. Text
 * set one character per line (the tall 三、本年度办理结果 label) becomes a vertical run, as
 * pdfjs gives it; a cell of many lines of prose keeps its lines.
 */
function cellRuns(words: Word[], cell: Box, scale: number): OcrRun[] {
  const lines = byLine(words);
  if (!lines.length) return [];
  const all = lines.flat();
  const conf = Math.min(...all.map((w) => w.conf));
  const left = Math.min(...all.map((w) => w.left));
  const right = Math.max(...all.map((w) => w.left + w.width));
  const top = Math.min(...all.map((w) => w.top));
  const bottom = Math.max(...all.map((w) => w.top + w.height));
  const ch = median(all.map((w) => w.height));
  const text = joinTexts(lines.map((l) => joinTexts(l.map((w) => w.text))));
  const chars = [...text].length;
  if (lines.length >= 3 && lines.every((l) => [...l.map((w) => w.text).join('')].length === 1)) {
    return [{ text, x: left * scale, y: bottom * scale, w: (right - left) * scale, h: (bottom - top) * scale, conf, numeric: false }];
  }
  if (lines.length > 4 || chars > 120) return proseRuns(all, scale);
  const mid = (cell.y0 + cell.y1) / 2;
  return [{ text, x: left * scale, y: (mid + ch * 0.35) * scale, w: (right - left) * scale, h: ch * scale, conf, numeric: false }];
}

/** Lays out one page of runs; returns its rows and the confidence of each number cell. */
function layoutRuns(runs: OcrRun[], page: number, firstLine: number): { laid: PageText; numbers: NumberConfidence[] } {
  // Fix look-alike letters first so that the layout sees the numbers as numbers.
  const lineOf = (r: Run) => Math.round((r.y - r.h * 0.35) / Math.max(r.h, 1));
  const numericLines = new Set<number>();
  for (const r of runs) if (NUMBER.test(r.text)) numericLines.add(lineOf(r));
  for (const r of runs) {
    const n = asNumber(r.text, numericLines.has(lineOf(r)));
    if (n !== null) {
      r.text = n;
      r.numeric = true;
    }
  }
  const laid = layoutPage(runs, page, firstLine);
  const rows = laid.rows;
  // Number runs come out as number cells in the same order (rows top to bottom, cells left to
  // right, two numbers never joined): match them up in order to carry the confidence over.
  const nums = runs.filter((r) => r.numeric).sort((a, b) => a.y - a.h * 0.35 - (b.y - b.h * 0.35) || a.x - b.x);
  const used = new Set<OcrRun>();
  const numbers: NumberConfidence[] = [];
  for (const row of rows) {
    for (const c of row.cells) {
      if (!NUMBER.test(c.text)) continue;
      const m = nums.find((r) => !used.has(r) && r.text === c.text);
      if (m) used.add(m);
      numbers.push({ page, line: c.line, text: c.text, conf: Math.round(m ? m.conf : 0) });
    }
  }
  return { laid, numbers };
}

/** Reads one page image: text outside tables in one pass, every ruled cell on its own. */
async function readPage(image: Gray, imageDpi: number, dir: string, tag: string, opts: OcrOptions): Promise<OcrRun[] | { error: string }> {
  // Small print in a coarse scan is read far better enlarged to 300 dpi.
  const scan = imageDpi < MIN_DPI ? scaleImage(image, MIN_DPI / imageDpi) : image;
  const dpi = Math.max(imageDpi, MIN_DPI);
  const scale = 72 / dpi;
  // A scan is rarely straight; rules and rows are found on the straightened page.
  const skew = estimateSkew(scan);
  const gray = Math.abs(skew) >= 0.05 ? rotate(scan, skew) : { ...scan, data: new Uint8Array(scan.data) };
  whitenPaper(gray);
  const tables: Table[] = opts.tables ? findTables(removeRules(gray, Math.round(dpi * 0.4))) : [];
  // The page without its tables, for the text around them.
  const page: Gray = { ...gray, data: new Uint8Array(gray.data) };
  for (const t of tables) for (let y = t.box.y0; y <= t.box.y1; y++) page.data.fill(255, y * gray.width + t.box.x0, y * gray.width + t.box.x1 + 1);
  const pageFile = join(dir, `${tag}.pgm`);
  await writeFile(pageFile, writePgm(page));
  // Each non-blank cell, cropped inside its rules, with a white margin tesseract needs.
  const cells: Box[] = [];
  /** Each cell read whole (with a white margin tesseract needs), and where its pixel (0, 0) lies on the page. */
  const crops: string[] = [];
  const origins: { x: number; y: number }[] = [];
  /** Each cell's ink cropped tight, for numbers: tesseract misses a lone `1` in a wide empty cell. */
  const tight: (() => Promise<string>)[] = [];
  const inset = Math.round(dpi / 100);
  const margin = Math.round(dpi / 20);
  for (const [ti, t] of tables.entries()) {
    for (const [ci, c] of t.cells.entries()) {
      const inner = { x0: c.x0 + inset, y0: c.y0 + inset, x1: c.x1 - inset, y1: c.y1 - inset };
      const ink = inkBox(gray, inner);
      if (!ink) continue;
      const file = join(dir, `${tag}-t${ti}c${ci}.pgm`);
      await writeFile(file, writePgm(crop(gray, inner, margin)));
      cells.push(c);
      origins.push({ x: inner.x0 - margin, y: inner.y0 - margin });
      crops.push(file);
      tight.push(async () => {
        const f = join(dir, `${tag}-t${ti}c${ci}-ink.pgm`);
        await writeFile(f, writePgm(crop(gray, ink, margin)));
        return f;
      });
    }
  }
  const list = join(dir, `${tag}-cells.txt`);
  await writeFile(list, crops.join('\n') + '\n');
  const [pageWords, cellWords] = await Promise.all([
    tesseractWords(pageFile, opts.tesseract, dpi),
    crops.length ? tesseractWords(list, opts.cellTesseract, dpi) : Promise.resolve({ words: [], width: 0, height: 0 }),
  ]);
  if ('error' in pageWords) return pageWords;
  if ('error' in cellWords) return cellWords;
  const runs = proseRuns(cleanWords(pageWords.words), scale);
  // Cell words come image by image (one tesseract page per crop), in crop pixels.
  const perCell = groupByImage(cleanWords(cellWords.words), cells.length);
  if (opts.numberTesseract) {
    const err = await rereadNumbers(cells, crops, tight, perCell, join(dir, tag), dpi, opts.numberTesseract);
    if (err) return err;
  }
  perCell.forEach((ws, k) => {
    if (!ws.length) return;
    const { x: dx, y: dy } = origins[k];
    runs.push(...cellRuns(ws.map((w) => ({ ...w, left: w.left + dx, top: w.top + dy, lineTop: w.lineTop + dy })), cells[k], scale));
  });
  return runs;
}

/**
 * Numbers are read again with the Latin model, which knows these digits far better than the
 * Chinese one (6 and 0, 5 and 3): every cell that may hold a number — nothing Chinese read in it,
 * or a single character in a column of numbers — first as a line, then, if that finds no number,
 * as a single character (a lone thin `1` is often missed as a line). Where the two models agree the
 * number is surer than either says; where they differ it is flagged.
 */
async function rereadNumbers(cells: Box[], crops: string[], tight: (() => Promise<string>)[], perCell: Word[][], stem: string, dpi: number, latin: TesseractOptions): Promise<{ error: string } | null> {
  const numeric = perCell.map((ws) => maybeNumber(ws) && ws.length > 0);
  // A cell among numbers: most other cells of its column, or of its row, hold numbers.
  const among = (k: number, same: (a: Box, b: Box) => boolean) => {
    let n = 0;
    let of = 0;
    cells.forEach((c, j) => {
      if (j === k || !same(c, cells[k]) || !perCell[j].length) return;
      of++;
      if (numeric[j]) n++;
    });
    return of >= 2 && n / of >= 0.6;
  };
  const column = (a: Box, b: Box) => Math.abs(a.x0 - b.x0) <= 8 && Math.abs(a.x1 - b.x1) <= 8;
  const row = (a: Box, b: Box) => Math.abs(a.y0 - b.y0) <= 8 && Math.abs(a.y1 - b.y1) <= 8;
  const amongNumbers = (k: number) => among(k, column) || among(k, row);
  const textOf = (k: number) => perCell[k].map((w) => w.text).join('');
  let pending = cells.map((_, k) => k).filter((k) => maybeNumber(perCell[k]) || ([...textOf(k)].length <= 3 && amongNumbers(k)));
  for (const [psm, whole] of [[latin.psm, true], [8, false]] as const) {
    if (!pending.length) break;
    const files = new Map<number, string>();
    for (const k of pending) files.set(k, whole ? crops[k] : await tight[k]());
    const list = `${stem}-numbers-${psm}.txt`;
    await writeFile(list, pending.map((k) => files.get(k)).join('\n') + '\n');
    const read = await tesseractWords(list, { ...latin, psm }, dpi);
    if ('error' in read) return read;
    const perNumber = groupByImage(read.words, pending.length);
    const left: number[] = [];
    pending.forEach((k, i) => {
      const ws = perNumber[i];
      const text = ws.map((w) => w.text).join('');
      if (!NUMBER.test(text) && !/^[-—]$/.test(text)) {
        left.push(k);
        return;
      }
      const before = asNumber(perCell[k].map((w) => w.text).join(''), true);
      const latinConf = Math.min(...ws.map((w) => w.conf));
      const conf = before === text ? Math.max(latinConf, ...perCell[k].map((w) => w.conf)) : Math.min(DISAGREE, latinConf);
      const first = ws[0];
      const last = ws[ws.length - 1];
      perCell[k] = [{ ...first, text, width: last.left + last.width - first.left, conf }];
    });
    pending = left;
  }
  // A number with a stray mark read into it (`人4`) in a column of numbers: the digits, in doubt.
  for (const k of pending) {
    const m = /^\D?(\d+)\D?$/.exec(textOf(k));
    if (m && amongNumbers(k)) perCell[k] = [{ ...perCell[k][0], text: m[1], conf: Math.min(DISAGREE, ...perCell[k].map((w) => w.conf)) }];
  }
  return null;
}

/** Darker than this is ink in a cell (a coarse, blurred scan prints thin digits light grey). */
const INK = 170;

/** The box around the ink inside `b`; null when there is next to none. */
function inkBox(g: Gray, b: Box): Box | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  let n = 0;
  for (let y = Math.max(0, b.y0); y < Math.min(g.height, b.y1); y++) {
    const row = y * g.width;
    for (let x = Math.max(0, b.x0); x < Math.min(g.width, b.x1); x++) {
      if (g.data[row + x] >= INK) continue;
      n++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return n < 10 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/** The pixels of `b` with a white margin around them. */
function crop(g: Gray, b: Box, margin: number): Gray {
  const w = b.x1 - b.x0 + 2 * margin;
  const h = b.y1 - b.y0 + 2 * margin;
  const data = new Uint8Array(w * h).fill(255);
  for (let y = b.y0; y < b.y1; y++) data.set(g.data.subarray(y * g.width + b.x0, y * g.width + b.x1), (y - b.y0 + margin) * w + margin);
  return { width: w, height: h, data };
}

/** Pages are read at this resolution at least. */
const MIN_DPI = 300;

/** The confidence given to a number the two models read differently. */
const DISAGREE = 40;

function groupByImage(words: Word[], n: number): Word[][] {
  const out: Word[][] = Array.from({ length: n }, () => []);
  for (const w of words) out[w.page - 1]?.push(w);
  return out;
}

/** A cell that may hold a number: nothing read, or no Chinese in what was read. */
function maybeNumber(words: Word[]): boolean {
  const text = words.map((w) => w.text).join('');
  return text.length <= 16 && !/[\u4e00-\u9fff]/.test(text.replace(/〇/g, ''));
}

/** Runs `task` over `items`, at most `n` at a time, results in order. */
async function pool<T, R>(items: T[], n: number, task: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

function lowConfidenceMessages(numbers: NumberConfidence[], threshold: number): ReaderMessage[] {
  return numbers
    .filter((n) => n.conf < threshold)
    .map((n) => ({ severity: 'warning' as const, code: 'low-confidence' as const, page: n.page, line: n.line, message: `第 ${n.page} 页第 ${n.line} 行「${n.text}」识别置信度 ${n.conf}%` }));
}

function toDocument(pages: { page: number; runs: OcrRun[] }[], firstLine: number, layout: string, opts: OcrOptions): OcrDocument {
  const laidOut: PageText[] = [];
  const numbers: NumberConfidence[] = [];
  let line = firstLine;
  for (const p of pages) {
    const { laid, numbers: read } = layoutRuns(p.runs, p.page, line);
    laidOut.push(laid);
    numbers.push(...read);
    line += laid.rows.length;
  }
  // Running headers and footers dropped, soft line breaks marked: as for a PDF's text layer.
  const rows = joinPages(laidOut);
  const doc: OcrDocument = { format: 'ocr', layout, rows, messages: lowConfidenceMessages(numbers, opts.lowConfidence), numbers };
  if (numbers.length) doc.ocrConfidence = Math.min(...numbers.map((n) => n.conf));
  return doc;
}

/**
 * OCRs the given pages (1-based) of a PDF, e.g. the pages that have no text layer. Rows are
 * numbered from `firstLine` on, in page order.
 */
export async function ocrPdfPages(pdfBytes: Uint8Array, pages: number[], options: Partial<OcrOptions> & { firstLine?: number } = {}): Promise<OcrDocument | { error: string }> {
  const opts = { ...DEFAULT_OCR, ...options };
  const missing = await tesseractMissing(languages(opts));
  if (missing) return { error: missing };
  const sorted = [...new Set(pages)].filter((p) => Number.isInteger(p) && p >= 1).sort((a, b) => a - b);
  if (sorted.length > opts.maxPages) return { error: `需要识别的扫描页共 ${sorted.length} 页，超过 ${opts.maxPages} 页上限` };
  return withTempDir('ocr', async (dir) => {
    const pdf = join(dir, 'in.pdf');
    await writeFile(pdf, pdfBytes);
    const read = await pool(sorted, opts.concurrency, async (p): Promise<OcrRun[] | { error: string }> => {
      // Grey is all tesseract needs, and PGM costs nothing to write or read.
      const r = await run('pdftoppm', ['-r', String(opts.dpi), '-gray', '-singlefile', '-f', String(p), '-l', String(p), pdf, join(dir, `p${p}`)], 60_000);
      if (r.error) return { error: r.error.missing ? PDFTOPPM_MISSING : `PDF 第 ${p} 页转图片失败：${r.error.message}` };
      let gray: Gray;
      try {
        gray = readPgm(new Uint8Array(await readFile(join(dir, `p${p}.pgm`))));
      } catch {
        return { error: `PDF 第 ${p} 页不存在` };
      }
      return readPage(gray, opts.dpi, dir, `p${p}`, opts);
    });
    const out: { page: number; runs: OcrRun[] }[] = [];
    for (const [i, r] of read.entries()) {
      if ('error' in r) return { error: r.error };
      out.push({ page: sorted[i], runs: r });
    }
    return toDocument(out, options.firstLine ?? 1, 'ocr-pdf', opts);
  });
}

type Sharp = typeof import('sharp');

/** sharp is loaded on the first image only: it is a native module that text-only runs never need. */
let sharpModule: Promise<Sharp | null> | null = null;
const loadSharp = () => (sharpModule ??= import('sharp').then((m) => m.default, () => null));

/** An image's pages as grey pixels, via sharp (PNG, JPEG, TIFF and GIF; every page of a multi-page TIFF). */
async function decodeImage(bytes: Uint8Array, maxPages: number): Promise<Gray[] | { error: string }> {
  const sharp = await loadSharp();
  if (!sharp) return { error: 'OCR 不可用：无法加载图片解码模块 sharp' };
  try {
    const meta = await sharp(bytes).metadata();
    // A GIF's frames are an animation, not pages.
    const pages = meta.format === 'gif' ? 1 : (meta.pages ?? 1);
    if (pages > maxPages) return { error: `图片共 ${pages} 页，超过 ${maxPages} 页上限` };
    const out: Gray[] = [];
    for (let page = 0; page < pages; page++) {
      const { data, info } = await sharp(bytes, { page, limitInputPixels: 100_000_000 }).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
      out.push({ width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) });
    }
    return out;
  } catch (e) {
    return { error: `无法读取图片（${(e as Error).message}）` };
  }
}

/**
 * The resolution of a scan: a page-shaped image is taken as an A4 page (21 cm wide, or 29.7 cm
 * turned), any other as 300 dpi, the usual scanning resolution.
 */
function imageDpi(width: number, height: number): number {
  const ratio = height / Math.max(width, 1);
  if (ratio > 1.2 && ratio < 1.6) return Math.max(72, width / (21 / 2.54));
  if (ratio > 1 / 1.6 && ratio < 1 / 1.2) return Math.max(72, width / (29.7 / 2.54));
  return 300;
}

/** Reads a scanned report saved as an image: one page, or every page of a multi-page TIFF. */
export async function readImageDocument(bytes: Uint8Array, kind: ImageKind, options: Partial<OcrOptions> = {}): Promise<OcrDocument | { error: string }> {
  // The kind is sniffed by the caller; sharp finds the format from the bytes itself.
  void kind;
  const opts = { ...DEFAULT_OCR, ...options };
  const missing = await tesseractMissing(languages(opts));
  if (missing) return { error: missing };
  const images = await decodeImage(bytes, opts.maxPages);
  if ('error' in images) return images;
  return withTempDir('ocr', async (dir) => {
    const dpis = images.map((g) => imageDpi(g.width, g.height));
    const read = await pool(images.map((g, i) => i), opts.concurrency, (i) => readPage(images[i], dpis[i], dir, `img${i + 1}`, opts));
    const pages: { page: number; runs: OcrRun[] }[] = [];
    for (const [i, r] of read.entries()) {
      if ('error' in r) return { error: r.error };
      pages.push({ page: i + 1, runs: r });
    }
    const doc = toDocument(pages, 1, 'ocr-image', opts);
    // Below some 200 dpi the small print of the tables is read unreliably (measured: 150 dpi loses a sixth of the cells).
    const low = Math.min(...dpis);
    if (low < 190) doc.messages.unshift({ severity: 'warning', code: 'low-resolution', message: `图片分辨率约 ${Math.round(low)} dpi，低于 200 dpi，识别结果可能不准确；请用 300 dpi 重新扫描`, page: dpis.indexOf(low) + 1 });
    return doc;
  });
}
