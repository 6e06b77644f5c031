// The official layout as PDF, typeset after GB/T 9704-2012 (党政机关公文格式): A4, margins 37/35/28/26 mm,
// title 二号 小标宋 (Noto Serif CJK SC Bold), body 三号 仿宋 (Noto Serif CJK SC: 仿宋 is not in Debian),
// headings 黑体 (Noto Sans CJK SC), page numbers `— 1 —` at the foot, the six sections and the
// template's tables (gridsOf: merged cells drawn merged, ruled, column widths in the template's
// proportions), appendices after section 六 on a new page.
//
// pdfkit directly, not pdfmake: pdfmake is a layout engine on top of pdfkit, and what this writer
// needs is exact geometry — every cell's text placed inside its box the way Word and WPS place it,
// so that the project's PDF reader (positions → lines → cells) reads the tables back; pdfmake's
// table model decides the line breaks, vertical alignment of merged cells and page breaks itself.
// Measured on one core of the shared test machine, the same random reports with their tables:
// pdfkit direct 15–18 PDF/s (7–11 before the subsets were compacted, see compactSubsets);
// pdfmake 0.3 (tables as pdfmake tables) 2.4 PDF/s, as it opens and parses the font collections
// again for every document.
//
// Text is real text: each line of a paragraph, and each line of a cell, is one run in one font,
// with a ToUnicode map (pdfkit), the fonts embedded as subsets. Fonts are found on the system
// (the Debian paths of fonts-noto-cjk, else fc-match; XXGK_PDF_FONT_DIRS instead) and parsed
// once per process.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { Report } from '../model/report.ts';
import { paragraphsOf } from '../model/paragraphs.ts';
import { gridsOf, OFFICIAL_PAGE, officialColumnWidths, placeCells, sectionsOf, titleOf, type Grid, type GridCell, type PlacedCell, type WriteOptions } from './grid.ts';

// ---------------------------------------------------------------- fonts

/** The three faces, by what they stand in for. */
type Face = 'title' | 'body' | 'heading';

interface FaceDef {
  /** fontconfig family and style, for fc-match. */
  family: string;
  style: string;
  /** PostScript name inside the collection. */
  postscript: string;
  /** File names of Debian's fonts-noto-cjk (and the single-face OTFs of other distributions). */
  files: string[];
}

const FACES: Record<Face, FaceDef> = {
  // 小标宋 → Noto Serif CJK SC Bold
  title: { family: 'Noto Serif CJK SC', style: 'Bold', postscript: 'NotoSerifCJKsc-Bold', files: ['NotoSerifCJK-Bold.ttc', 'NotoSerifCJKsc-Bold.otf'] },
  // 仿宋 → Noto Serif CJK SC
  body: { family: 'Noto Serif CJK SC', style: 'Regular', postscript: 'NotoSerifCJKsc-Regular', files: ['NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular.otf'] },
  // 黑体 → Noto Sans CJK SC
  heading: { family: 'Noto Sans CJK SC', style: 'Regular', postscript: 'NotoSansCJKsc-Regular', files: ['NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular.otf'] },
};

/** Where Debian's fonts-noto-cjk puts them. */
const SYSTEM_DIRS = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk', '/usr/share/fonts/google-noto-cjk', '/usr/share/fonts/opentype/noto-cjk'];

/**
 * Directories searched instead of the system's (path-list, like PATH): for tests and for fonts
 * kept elsewhere. When set, fc-match is not asked.
 */
export const FONT_DIRS_ENV = 'XXGK_PDF_FONT_DIRS';

/** No CJK font to embed: the one message the CLI prints, naming the package that has them. */
export class PdfFontError extends Error {
  constructor(missing: string[]) {
    super(`缺少中文字体 ${missing.join('、')}：请安装 Debian 软件包 fonts-noto-cjk（sudo apt-get install fonts-noto-cjk）后重试`);
    this.name = 'PdfFontError';
  }
}

/** The part of a fontkit font this module uses. */
interface FontkitFont {
  postscriptName: string;
  unitsPerEm: number;
  glyphForCodePoint(cp: number): { advanceWidth: number };
  hasGlyphForCodePoint(cp: number): boolean;
}

interface LoadedFace {
  font: FontkitFont;
  /** Advance widths in em, by code point. */
  widths: Map<number, number>;
}

type Fonts = Record<Face, LoadedFace>;

/** fontkit is pdfkit's own dependency: resolved from pdfkit, so that both use the same copy. */
const fontkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'))('fontkit') as {
  create(buffer: Uint8Array, postscriptName?: string): FontkitFont & { fonts?: FontkitFont[] };
};

// ---------------------------------------------------------------- smaller font subsets

/** fontkit's CFF table, as far as this module reads it. */
interface CffTable {
  stream: { pos: number; readBuffer(n: number): Uint8Array };
  globalSubrIndex: { offset: number; length: number }[];
  topDict: { FDArray?: { Private?: { Subrs?: { offset: number; length: number }[] } }[]; Private?: { Subrs?: { offset: number; length: number }[] } };
  isCIDFont: boolean;
  getCharString(gid: number): Uint8Array;
  fdForGlyph(gid: number): number | null;
}

interface CffSubset {
  cff: CffTable;
  glyphs: number[];
  charstrings: Uint8Array[];
  gsubrs: Uint8Array[];
  subsetCharstrings(): void;
  subsetSubrs(subrs: unknown, used: unknown): Uint8Array[];
}

const bias = (n: number) => (n < 1240 ? 107 : n < 33900 ? 1131 : 32768);

/**
 * A Type 2 charstring with its subroutine calls inlined. fontkit's CFF subset keeps every one of
 * the collection's ~30,000 subroutine slots (unused ones as a bare return), some 80 KB a face in
 * every PDF, which pdf.js and poppler then parse again; glyphs without subroutines need none.
 */
function flatten(cff: CffTable, gid: number): Uint8Array {
  const read = (r: { offset: number; length: number }) => {
    cff.stream.pos = r.offset;
    return cff.stream.readBuffer(r.length);
  };
  const gsubrs = cff.globalSubrIndex;
  const fd = cff.isCIDFont ? cff.fdForGlyph(gid) : null;
  const lsubrs = (fd !== null ? cff.topDict.FDArray?.[fd]?.Private?.Subrs : cff.topDict.Private?.Subrs) ?? [];
  const out: number[] = [];
  /** Operands since the last operator: value and where its bytes start in `out`. */
  let args: { value: number; start: number }[] = [];
  let stems = 0;
  let depth = 0;
  const run = (cs: Uint8Array): boolean => {
    if (++depth > 12) throw new Error('charstring subroutines nested too deep');
    let i = 0;
    while (i < cs.length) {
      const b = cs[i];
      if (b === 28 || b >= 32) {
        const start = out.length;
        let value: number;
        let n: number;
        if (b === 28) {
          value = ((cs[i + 1] << 24) >> 16) | cs[i + 2];
          n = 3;
        } else if (b <= 246) {
          value = b - 139;
          n = 1;
        } else if (b <= 250) {
          value = (b - 247) * 256 + cs[i + 1] + 108;
          n = 2;
        } else if (b <= 254) {
          value = -(b - 251) * 256 - cs[i + 1] - 108;
          n = 2;
        } else {
          value = ((cs[i + 1] << 24) | (cs[i + 2] << 16) | (cs[i + 3] << 8) | cs[i + 4]) / 65536;
          n = 5;
        }
        for (let k = 0; k < n; k++) out.push(cs[i + k]);
        args.push({ value, start });
        i += n;
        continue;
      }
      if (b === 10 || b === 29) {
        const subrs = b === 10 ? lsubrs : gsubrs;
        const a = args.pop();
        if (!a) throw new Error('charstring subroutine call without an index');
        out.length = a.start;
        const subr = subrs[a.value + bias(subrs.length)];
        if (!subr) throw new Error('charstring subroutine out of range');
        if (run(read(subr))) return true;
        depth--;
        i++;
        continue;
      }
      if (b === 11) return false;
      if (b === 12) {
        out.push(b, cs[i + 1]);
        args = [];
        i += 2;
        continue;
      }
      out.push(b);
      i++;
      if (b === 14) return true;
      if (b === 1 || b === 3 || b === 18 || b === 23) stems += args.length >> 1;
      if (b === 19 || b === 20) {
        // Operands before the first hintmask are vstems; the mask has a bit per stem.
        stems += args.length >> 1;
        const n = (stems + 7) >> 3;
        for (let k = 0; k < n; k++) out.push(cs[i + k]);
        i += n;
      }
      args = [];
    }
    return false;
  };
  run(cff.getCharString(gid));
  return Uint8Array.from(out);
}

/** Flattened charstrings by font and glyph: the same glyphs come back in every report. */
const flatCache = new WeakMap<object, Map<number, Uint8Array>>();

/** Makes the font's CFF subsets carry flattened charstrings and no subroutines. */
function compactSubsets(font: FontkitFont & { createSubset?: () => unknown }) {
  const create = font.createSubset?.bind(font);
  if (!create) return;
  font.createSubset = () => {
    const sub = create() as Partial<CffSubset>;
    if (typeof sub.subsetCharstrings !== 'function' || !sub.cff) return sub;
    const original = sub.subsetCharstrings.bind(sub);
    const originalSubrs = sub.subsetSubrs!.bind(sub);
    sub.subsetCharstrings = function (this: CffSubset) {
      let cache = flatCache.get(this.cff);
      if (!cache) flatCache.set(this.cff, (cache = new Map()));
      try {
        const cs: Uint8Array[] = [];
        for (const gid of this.glyphs) {
          let c = cache.get(gid);
          if (!c) cache.set(gid, (c = flatten(this.cff, gid)));
          cs.push(c);
        }
        this.charstrings = cs;
        this.gsubrs = [];
        this.subsetSubrs = () => [];
      } catch {
        // A charstring this does not understand: fontkit's own subset, subroutines and all.
        this.subsetSubrs = originalSubrs;
        original();
      }
    };
    return sub;
  };
}

/** Parsed fonts by the lookup that found them: a process parses each file once. */
const fontCache = new Map<string, Fonts>();
/** Font files already read (a collection holds two of the faces' siblings). */
const fileCache = new Map<string, Buffer>();

function fcMatch(def: FaceDef): string | null {
  try {
    const out = execFileSync('fc-match', ['-f', '%{file}\n%{family}', `${def.family}:style=${def.style}`], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
    const [file, families = ''] = out.split('\n');
    // fc-match always answers with something: only the family asked for will do.
    return file && families.split(',').includes(def.family) && existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

function findFile(def: FaceDef, dirs: string[] | null): string | null {
  for (const dir of dirs ?? SYSTEM_DIRS) {
    for (const f of def.files) {
      const p = join(dir, f);
      if (existsSync(p)) return p;
    }
  }
  return dirs ? null : fcMatch(def);
}

function openFace(file: string, def: FaceDef): FontkitFont | null {
  let buf = fileCache.get(file);
  if (!buf) {
    try {
      buf = readFileSync(file);
    } catch {
      return null;
    }
    fileCache.set(file, buf);
  }
  try {
    const f = fontkit.create(buf, def.postscript);
    // A single-face file is taken whatever its name; a collection must hold the face asked for.
    if (f && typeof f.glyphForCodePoint === 'function' && (f.postscriptName === def.postscript || !basename(file).endsWith('.ttc'))) return f;
  } catch {
    // not a font, or not this face
  }
  return null;
}

/** The fonts, found and parsed once per process (per lookup directory list). */
export function loadFonts(): Fonts {
  const env = process.env[FONT_DIRS_ENV];
  const dirs = env === undefined ? null : env.split(':').filter((d) => d !== '');
  const key = env ?? '';
  const cached = fontCache.get(key);
  if (cached) return cached;
  const out: Partial<Fonts> = {};
  const missing: string[] = [];
  for (const face of Object.keys(FACES) as Face[]) {
    const def = FACES[face];
    const file = findFile(def, dirs);
    const font = file ? openFace(file, def) : null;
    if (font) {
      compactSubsets(font);
      out[face] = { font, widths: new Map() };
    }
    else if (!missing.includes(`${def.family} ${def.style}`)) missing.push(`${def.family} ${def.style}`);
  }
  if (missing.length) throw new PdfFontError(missing);
  fontCache.set(key, out as Fonts);
  return out as Fonts;
}

/** Width of `text` in points at `size`. */
function measure(face: LoadedFace, text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += charWidth(face, ch.codePointAt(0)!);
  return w * size;
}

function charWidth(face: LoadedFace, cp: number): number {
  let w = face.widths.get(cp);
  if (w === undefined) {
    w = face.font.glyphForCodePoint(cp).advanceWidth / face.font.unitsPerEm;
    face.widths.set(cp, w);
  }
  return w;
}

// ---------------------------------------------------------------- page geometry (points)

const MM = 72 / 25.4;
const PAGE_W = OFFICIAL_PAGE.size.width * MM;
const PAGE_H = OFFICIAL_PAGE.size.height * MM;
const MARGIN = { top: OFFICIAL_PAGE.margin.top * MM, bottom: OFFICIAL_PAGE.margin.bottom * MM, left: OFFICIAL_PAGE.margin.left * MM, right: OFFICIAL_PAGE.margin.right * MM };
const TEXT_W = PAGE_W - MARGIN.left - MARGIN.right;
const TEXT_BOTTOM = PAGE_H - MARGIN.bottom;
const TEXT_H = TEXT_BOTTOM - MARGIN.top;

/** A page's text block. Appendix tables too wide for a portrait page get landscape pages, the block turned with them. */
interface Geometry {
  pageW: number;
  pageH: number;
  left: number;
  top: number;
  width: number;
  bottom: number;
  height: number;
}

const PORTRAIT: Geometry = { pageW: PAGE_W, pageH: PAGE_H, left: MARGIN.left, top: MARGIN.top, width: TEXT_W, bottom: TEXT_BOTTOM, height: TEXT_H };
const LANDSCAPE: Geometry = {
  pageW: PAGE_H,
  pageH: PAGE_W,
  left: MARGIN.top,
  top: MARGIN.left,
  width: PAGE_H - MARGIN.top - MARGIN.bottom,
  bottom: PAGE_W - MARGIN.right,
  height: TEXT_W,
};

const SIZE = { ...OFFICIAL_PAGE.pt, table: 10.5 };
/** 22 lines a page (GB/T 9704 7.2). */
const PITCH = TEXT_H / OFFICIAL_PAGE.lines;
const TITLE_PITCH = 33;
/** Space after a section heading: a heading never reads as the first line of its paragraph. */
const HEADING_AFTER = 10;
/** CJK glyphs sit in an em box from 0.88 above to 0.12 below the baseline. */
const ASCENT = 0.88;

// Tables: 五号 text, the template's minimum row height (340 twips) and cell margins.
const CELL_PAD_X = 3.5;
const CELL_PAD_Y = 2;
const CELL_LEADING = 1.25;
const MIN_ROW = 17;
/**
 * Rows whose labels carry no numbering (section 二, the header of section 四, appendices) are set
 * as Word sets the template (about 2.5 lines of 五号 a row), so that the labels of two rows are
 * never taken for one label wrapped over two lines.
 */
const MIN_ROW_OPEN = 26;
const RULE = 0.5;
const TABLE_GAP = 8;

// ---------------------------------------------------------------- line breaking

/** May not start a line (closing punctuation). */
const NO_START = new Set([...'，。、；：？！）》」』”’】〕〉…—%‰·,.;:?!)]}']);
/** May not end a line (opening punctuation). */
const NO_END = new Set([...'（《「『“‘【〔〈([{']);
/** Runs of these stay on one line: numbers, Latin words, addresses. */
const WORD = /[A-Za-z0-9@#&_%‰.\-+/:=?~]/;

/** Control characters (tabs, form feeds, stray NULs) print as spaces; nothing else is changed. */
const printable = (s: string) => s.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ');

/** Splits into break units: a Latin word or number, a space, or one character. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const ch of text) {
    if (WORD.test(ch)) {
      word += ch;
      continue;
    }
    if (word) out.push(word);
    word = '';
    out.push(ch);
  }
  if (word) out.push(word);
  return out;
}

/** A line the reader would take for a number (`12`, `3件。`): it must keep words with it. */
const NUMBER_LINE = /^[-+]?[\d,，.]+(?:件|个|条|项|次|元|万元)?[。，；、）)]?$/;

/**
 * Greedy line breaking for Chinese text with the usual rules: closing punctuation never starts a
 * line, opening punctuation never ends one, numbers and Latin words are not split (unless longer
 * than a line), and no line is only a number.
 */
function wrap(face: LoadedFace, text: string, size: number, width: number, firstIndent = 0): string[] {
  const lines: string[][] = [];
  let line: string[] = [];
  let w = firstIndent;
  const push = () => {
    while (line.length && line[line.length - 1] === ' ') line.pop();
    lines.push(line);
    line = [];
    w = 0;
  };
  /** Puts a unit on the line; a unit longer than a whole line goes by characters. */
  const add = (tok: string, tw: number) => {
    if (tw <= width + 0.01 || tok.length === 1) {
      line.push(tok);
      w += tw;
      return;
    }
    for (const ch of tok) {
      const cw = measure(face, ch, size);
      if (w + cw > width + 0.01 && line.length) push();
      line.push(ch);
      w += cw;
    }
  };
  for (const tok of tokens(printable(text))) {
    const tw = measure(face, tok, size);
    if (line.length === 0 && tok === ' ' && lines.length > 0) continue;
    if (w + tw <= width + 0.01 || line.length === 0) {
      add(tok, tw);
      continue;
    }
    // tok does not fit: break before it, moving characters that may not end/start a line.
    const carry: string[] = [];
    if (NO_START.has(tok[0])) {
      // Take the last unit down with the punctuation (when the line keeps something).
      if (line.length > 1) carry.unshift(line.pop()!);
    }
    while (line.length > 1 && NO_END.has(line[line.length - 1])) carry.unshift(line.pop()!);
    push();
    for (const c of carry) add(c, measure(face, c, size));
    add(tok, tw);
  }
  if (line.length || lines.length === 0) push();
  // No line may read as a bare number: pull a unit down from the line above.
  for (let i = 1; i < lines.length; i++) {
    while (lines[i - 1].length > 1 && NUMBER_LINE.test(lines[i].join(''))) lines[i].unshift(lines[i - 1].pop()!);
  }
  return lines.map((l) => l.join(''));
}

// ---------------------------------------------------------------- tables

const cellLineCache = new Map<string, string[]>();

/** A label's lines in a cell, balanced: as many lines as it needs, each about as long (其他对外管 / 理服务事项). */
function cellLines(face: LoadedFace, text: string, width: number, size: number): string[] {
  const key = `${size}|${width.toFixed(2)}|${text}`;
  let lines = cellLineCache.get(key);
  if (!lines) {
    lines = wrap(face, text, size, width);
    if (lines.length > 1) {
      let lo = width / 2;
      let hi = width;
      for (let k = 0; k < 12; k++) {
        const mid = (lo + hi) / 2;
        if (wrap(face, text, size, mid).length > lines.length) lo = mid;
        else hi = mid;
      }
      lines = wrap(face, text, size, hi);
    }
    if (cellLineCache.size > 5000) cellLineCache.clear();
    cellLineCache.set(key, lines);
  }
  return lines;
}

interface Placed {
  cell: GridCell;
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
  lines: string[];
  align: 'left' | 'center';
  /** Horizontal scale (percent) for a number wider than its cell. */
  scale: number;
}

interface TableLayout {
  /** Font size of the table's text. */
  size: number;
  widths: number[];
  /** Left edge of each column and the right edge of the last. */
  xs: number[];
  heights: number[];
  cells: Placed[];
  /** Row indices after which the table may break without cutting a merged cell. */
  clean: boolean[];
}

/** Narrowest and preferred widths of a table's columns by their content (cells of one column). */
function contentWidths(grid: Grid, placed: PlacedCell[], body: LoadedFace, size: number): { min: number[]; want: number[] } {
  const min = Array<number>(grid.width).fill(2 * size + 2 * CELL_PAD_X);
  const want = [...min];
  for (const p of placed) {
    if (p.colspan !== 1) continue;
    const text = p.cell.text;
    const longest = Math.max(0, ...tokens(text).map((t) => measure(body, t, size)));
    // Row labels (unit names) keep six characters a line; other cells their longest number or word.
    const floor = p.cell.header === 'row' ? Math.min(measure(body, text, size), 6 * size) : 0;
    min[p.col] = Math.max(min[p.col], Math.min(Math.max(longest, floor), 6 * size) + 2 * CELL_PAD_X);
    want[p.col] = Math.max(want[p.col], Math.min(measure(body, text, size), 14 * size) + 2 * CELL_PAD_X);
  }
  return { min, want };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The official tables (also where an appendix repeats them) in the template's proportions; any other by content. */
function columnWidths(grid: Grid, placed: PlacedCell[], body: LoadedFace, width: number, size: number): number[] {
  // The official tables in the template's proportions, scaled to the text width.
  const template = officialColumnWidths(grid);
  if (template) return template.map((t) => (t / sum(template)) * width);
  const { min, want } = contentWidths(grid, placed, body, size);
  const sumMin = sum(min);
  const sumWant = sum(want);
  if (sumWant <= width) return want.map((w) => (w / sumWant) * width);
  if (sumMin >= width) return min.map((w) => (w / sumMin) * width);
  const extra = (width - sumMin) / (sumWant - sumMin);
  return min.map((m, i) => m + (want[i] - m) * extra);
}

const OFFICIAL = (grid: Grid) => officialColumnWidths(grid) !== null;

/** A table set in 五号 where its columns allow it, else smaller (9, 7.5 pt): for wide appendix tables. */
function tableSize(grid: Grid, body: LoadedFace, width: number): number {
  if (OFFICIAL(grid)) return SIZE.table;
  const raw = placeCells(grid);
  for (const size of [SIZE.table, 9]) if (sum(contentWidths(grid, raw, body, size).min) <= width) return size;
  return 7.5;
}

/** Whether an appendix needs landscape pages: a table of its that is too wide for a portrait page at 五号. */
function wantsLandscape(grids: Grid[], body: LoadedFace): boolean {
  return grids.some((g) => !OFFICIAL(g) && (g.width > 12 || sum(contentWidths(g, placeCells(g), body, SIZE.table).min) > TEXT_W));
}

function layoutTable(grid: Grid, fonts: Fonts, g: Geometry = PORTRAIT): TableLayout {
  const body = fonts.body;
  const raw = placeCells(grid);
  const size = tableSize(grid, body, g.width);
  const widths = columnWidths(grid, raw, body, g.width, size);
  const xs = [g.left];
  for (const w of widths) xs.push(xs[xs.length - 1] + w);
  const lh = size * CELL_LEADING;
  const activeTable = /^item\d+$/.test(grid.id);
  const cells: Placed[] = raw.map((p) => {
    const inner = xs[p.col + p.colspan] - xs[p.col] - 2 * CELL_PAD_X;
    const text = p.cell.text.replace(/\s+/g, ' ').trim();
    if (!p.cell.header) {
      // A value: one line, centred, condensed when wider than its cell.
      const w = measure(body, text, size);
      return { ...p, lines: text ? [text] : [], align: 'center', scale: w > inner ? Math.max(50, Math.floor((inner / w) * 100)) : 100 };
    }
    const lines = text ? cellLines(body, text, inner, size) : [];
    const align = p.cell.header === 'row' && p.rowspan === 1 && !activeTable && lines.length > 0 ? 'left' : 'center';
    return { ...p, lines, align, scale: 100 };
  });
  const open = grid.id !== 'applications';
  const heights: number[] = grid.rows.map(() => (open ? MIN_ROW_OPEN : MIN_ROW));
  // In open rows each further line adds its height to the row's, so that the first line of a
  // wrapped label stays as far from the row above as a one-line label would.
  const need = (p: Placed) => Math.max(p.lines.length * lh + 2 * CELL_PAD_Y, open ? MIN_ROW_OPEN + Math.max(0, p.lines.length - 1) * lh : 0);
  for (const p of cells) if (p.rowspan === 1) heights[p.row] = Math.max(heights[p.row], need(p));
  for (const p of [...cells].filter((c) => c.rowspan > 1).sort((a, b) => a.rowspan - b.rowspan)) {
    let have = 0;
    for (let i = p.row; i < p.row + p.rowspan; i++) have += heights[i];
    if (need(p) > have) {
      // Spread what is missing over the rows the cell spans.
      const add = (need(p) - have) / p.rowspan;
      for (let i = p.row; i < p.row + p.rowspan; i++) heights[i] += add;
    }
  }
  const clean = grid.rows.map((_, r) => !cells.some((p) => p.row <= r && r < p.row + p.rowspan - 1));
  // Where a table may break: never inside a merged cell, never between its header rows and the
  // first two rows under them, never before its last row alone; a small table not at all.
  const total = heights.reduce((a, b) => a + b, 0);
  const headerRows = grid.rows.findIndex((row) => !row.every((c) => c.header === 'col'));
  for (let r = 0; r < clean.length; r++) {
    if (total <= g.height / 3 || r <= headerRows || r === clean.length - 2) clean[r] = false;
  }
  if (clean.length) clean[clean.length - 1] = true;
  return { size, widths, xs, heights, cells, clean };
}

// ---------------------------------------------------------------- the document

type Doc = InstanceType<typeof PDFDocument>;

class Writer {
  readonly doc: Doc;
  y = MARGIN.top;
  page = 0;
  /** The current page's text block. */
  g: Geometry = PORTRAIT;
  private face: Face | null = null;
  private size = 0;

  constructor(
    readonly fonts: Fonts,
    title: string,
  ) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: 0,
      autoFirstPage: false,
      compress: true,
      info: { Title: title, Creator: 'xxgk', Producer: 'xxgk (pdfkit)' },
      lang: 'zh-CN',
      displayTitle: true,
    });
    // pdfkit takes a fontkit font as well as a file (typed as a buffer): the parsed fonts are shared.
    for (const face of Object.keys(FACES) as Face[]) this.doc.registerFont(face, fonts[face].font as unknown as Buffer);
    this.newPage();
  }

  newPage(g: Geometry = this.g) {
    this.g = g;
    this.doc.addPage({ size: 'A4', layout: g === LANDSCAPE ? 'landscape' : 'portrait', margin: 0 });
    this.page++;
    this.face = null;
    this.y = g.top;
    // GB/T 9704 7.5: 4号 Arabic numerals between em dashes, 7 mm under the text block, odd pages
    // to the right and even to the left, one character in.
    const label = `— ${this.page} —`;
    const w = measure(this.fonts.body, label, SIZE.pageNumber);
    const x = this.page % 2 === 1 ? g.left + g.width - SIZE.pageNumber - w : g.left + SIZE.pageNumber;
    this.text('body', SIZE.pageNumber, label, x, g.bottom + 7 * MM + (ASCENT - 0.5) * SIZE.pageNumber);
  }

  /** Room for `h` points on this page, else a new page. */
  ensure(h: number) {
    if (this.y + h > this.g.bottom + 0.01 && this.y > this.g.top + 0.01) this.newPage();
  }

  text(face: Face, size: number, s: string, x: number, baseline: number, opts: { characterSpacing?: number; horizontalScaling?: number } = {}) {
    if (this.face !== face || this.size !== size) {
      this.doc.font(face).fontSize(size);
      this.face = face;
      this.size = size;
    }
    this.doc.text(s, x, baseline, { lineBreak: false, baseline: 'alphabetic', ...opts });
  }

  /** Baseline of a line of `size` in a line box of `pitch` starting at `top`. */
  static baseline(top: number, pitch: number, size: number) {
    return top + (pitch - size) / 2 + ASCENT * size;
  }

  /**
   * The title, and under it the reviewer (审核人) where the model names one: printed before the
   * first heading, so that it reads as the report's, not as a line of section 六.
   */
  title(text: string, reviewer: string | null) {
    const face = this.fonts.title;
    const lines = titleLines(face, text);
    for (const l of lines) {
      const w = measure(face, l, SIZE.title);
      this.text('title', SIZE.title, l, MARGIN.left + (TEXT_W - w) / 2, Writer.baseline(this.y, TITLE_PITCH, SIZE.title));
      this.y += TITLE_PITCH;
    }
    if (reviewer) this.paragraph(`审核人：${reviewer}`, { indent: 0, align: 'center' });
    // One empty line between the title and the text.
    this.y += PITCH;
  }

  heading(text: string, keepWith: number, indent = 2 * SIZE.body) {
    this.ensure(PITCH + HEADING_AFTER + keepWith);
    const g = this.g;
    const lines = wrap(this.fonts.heading, text, SIZE.body, g.width, indent);
    lines.forEach((l, i) => {
      this.text('heading', SIZE.body, l, g.left + (i === 0 ? indent : 0), Writer.baseline(this.y, PITCH, SIZE.body));
      this.y += PITCH;
    });
    this.y += HEADING_AFTER;
  }

  /** A body paragraph: first line indented two characters, justified, last line flush left. */
  paragraph(text: string, opts: { indent?: number; align?: 'justify' | 'center' | 'right' } = {}) {
    const face = this.fonts.body;
    const indent = opts.indent ?? 2 * SIZE.body;
    const g = this.g;
    const lines = wrap(face, text, SIZE.body, g.width, indent);
    lines.forEach((l, i) => {
      this.ensure(PITCH);
      const x0 = g.left + (i === 0 ? indent : 0);
      const w = measure(face, l, SIZE.body);
      let x = x0;
      const spacing: { characterSpacing?: number } = {};
      if (opts.align === 'center') x = g.left + (g.width - w) / 2;
      else if (opts.align === 'right') x = g.left + g.width - w;
      else if (i < lines.length - 1) {
        // Justified, as Word sets 两端对齐; a line with too much room (a long word went down) stays ragged.
        const n = [...l].length;
        const extra = (g.left + g.width - x0 - w) / Math.max(1, n - 1);
        if (n > 1 && extra > 0 && extra < 0.08 * SIZE.body) spacing.characterSpacing = extra;
      }
      this.text('body', SIZE.body, l, x, Writer.baseline(this.y, PITCH, SIZE.body), spacing);
      this.y += PITCH;
    });
  }

  /** A table: whole when it fits, else broken between rows (between merged blocks where it can). */
  table(layout: TableLayout) {
    const { heights, clean } = layout;
    const n = heights.length;
    let start = 0;
    while (start < n) {
      // The next unit: rows up to a boundary no merged cell crosses.
      let end = start;
      let h = 0;
      do {
        h += heights[end];
        end++;
      } while (end < n && !clean[end - 1]);
      const g = this.g;
      if (this.y + h > g.bottom + 0.01) {
        if (h <= g.height && this.y > g.top + 0.01) {
          this.newPage();
        } else {
          // Taller than what is left of the page: cut inside the unit, row by row.
          end = start;
          h = 0;
          while (end < n && this.y + h + heights[end] <= g.bottom + 0.01) h += heights[end++];
          if (end === start) {
            if (this.y > g.top + 0.01) {
              this.newPage();
              continue;
            }
            h = heights[end++];
          }
        }
      }
      this.drawRows(layout, start, end);
      start = end;
    }
  }

  /** Rows [from, to) at the current position: borders of every cell that shows, text of those that start here. */
  private drawRows(layout: TableLayout, from: number, to: number) {
    const { xs, heights, cells } = layout;
    const top = [this.y];
    for (let r = from; r < to; r++) top.push(top[top.length - 1] + heights[r]);
    const yAt = (r: number) => top[r - from];
    const size = layout.size;
    const lh = size * CELL_LEADING;
    const doc = this.doc;
    doc.lineWidth(RULE).strokeColor('black');
    for (const p of cells) {
      if (p.row >= to || p.row + p.rowspan <= from) continue;
      const r0 = Math.max(p.row, from);
      const r1 = Math.min(p.row + p.rowspan, to);
      const x0 = xs[p.col];
      const x1 = xs[p.col + p.colspan];
      doc.rect(x0, yAt(r0), x1 - x0, yAt(r1) - yAt(r0));
    }
    doc.stroke();
    for (const p of cells) {
      // A merged cell cut by a page break prints its text on its first page.
      if (p.row < from || p.row >= to || p.lines.length === 0) continue;
      const r1 = Math.min(p.row + p.rowspan, to);
      const x0 = xs[p.col];
      const x1 = xs[p.col + p.colspan];
      const boxTop = yAt(p.row);
      const boxH = yAt(r1) - boxTop;
      let lineTop = boxTop + (boxH - p.lines.length * lh) / 2;
      for (const l of p.lines) {
        const w = (measure(this.fonts.body, l, size) * p.scale) / 100;
        const x = p.align === 'left' ? x0 + CELL_PAD_X : x0 + (x1 - x0 - w) / 2;
        this.text('body', size, l, x, Writer.baseline(lineTop, lh, size), p.scale !== 100 ? { horizontalScaling: p.scale } : {});
        lineTop += lh;
      }
    }
    this.y = top[top.length - 1];
  }

  caption(text: string) {
    const face = this.fonts.heading;
    const g = this.g;
    for (const l of wrap(face, text, SIZE.body, g.width)) {
      const w = measure(face, l, SIZE.body);
      this.text('heading', SIZE.body, l, g.left + (g.width - w) / 2, Writer.baseline(this.y, PITCH, SIZE.body));
      this.y += PITCH;
    }
  }

  end(): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    return new Promise((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      this.doc.on('error', reject);
      this.doc.end();
    });
  }
}

/**
 * The title's lines: one when it fits; else broken before `(年份)政府信息公开…年度报告`, as titles
 * are set (机关名称 / 年度报告), and only then wherever the characters run out.
 */
function titleLines(face: LoadedFace, title: string): string[] {
  const text = printable(title).replace(/\s+/g, ' ').trim();
  if (measure(face, text, SIZE.title) <= TEXT_W) return [text];
  // Before 政府信息公开 (the year stays with the agency), else before the year; never at a space,
  // which a reader could not tell from the line break.
  const m = /((?:19|20)\d{2}\s*年度?\s*)?((?:政府)?信息公开)/.exec(text);
  if (m) {
    for (const at of [m.index + (m[1]?.length ?? 0), m.index]) {
      if (at <= 0 || /\s/.test(text[at - 1]) || /\s/.test(text[at])) continue;
      const tail = text.slice(at);
      if (measure(face, tail, SIZE.title) <= TEXT_W) return [...wrap(face, text.slice(0, at), SIZE.title, TEXT_W), tail];
    }
  }
  return wrap(face, text, SIZE.title, TEXT_W);
}

/** Height of a table's first unbreakable block: what a heading or caption keeps with it (at most a page). */
function firstBlock(layout: TableLayout, g: Geometry = PORTRAIT): number {
  let h = 0;
  for (let r = 0; r < layout.heights.length; r++) {
    h += layout.heights[r];
    if (layout.clean[r]) break;
  }
  return Math.min(h, g.height - PITCH - HEADING_AFTER);
}

export async function toPdf(report: Report, opts: WriteOptions = {}): Promise<Uint8Array> {
  const fonts = loadFonts();
  const title = titleOf(report);
  const w = new Writer(fonts, title);
  w.title(title, report.meta.reviewer);
  for (const p of paragraphsOf(report.preamble)) w.paragraph(p);
  const grids = gridsOf(report);
  const layouts = new Map(grids.map((g) => [g, layoutTable(g, fonts)]));
  for (const s of sectionsOf(report)) {
    const paragraphs = paragraphsOf(s.text);
    const mine = grids.filter((g) => g.section === s.no);
    const keep = paragraphs.length ? PITCH * Math.min(2, wrap(fonts.body, paragraphs[0], SIZE.body, TEXT_W, 2 * SIZE.body).length) : mine.length ? firstBlock(layouts.get(mine[0])!) : 0;
    w.heading(s.heading, keep);
    for (const p of paragraphs) w.paragraph(p);
    mine.forEach((g, i) => {
      if (i > 0 || paragraphs.length) w.y += TABLE_GAP;
      w.table(layouts.get(g)!);
    });
    if (mine.length) w.y += TABLE_GAP;
  }
  (opts.appendices ?? []).forEach((a, i) => {
    const g = wantsLandscape(a.grids, fonts.body) ? LANDSCAPE : PORTRAIT;
    if (i === 0 || g !== w.g) w.newPage(g);
    else w.y += PITCH;
    const paragraphs = paragraphsOf(a.text);
    const layouts = a.grids.map((grid) => layoutTable(grid, fonts, g));
    // The heading keeps its text and the start of its first table with it, where a page holds them.
    const text = paragraphs.reduce((h, p) => h + PITCH * wrap(fonts.body, p, SIZE.body, g.width, 2 * SIZE.body).length, 0);
    const first = layouts.length ? PITCH + firstBlock(layouts[0], g) : 0;
    const keep = text + first <= g.height - PITCH - HEADING_AFTER ? text + first : Math.min(text, PITCH * 2) || PITCH;
    // 附件 headings in 黑体 flush left (GB/T 9704 8.1).
    w.heading(a.heading, keep, 0);
    for (const p of paragraphs) w.paragraph(p);
    a.grids.forEach((grid, k) => {
      const layout = layouts[k];
      // An appendix table is captioned unless its first row already says what it is.
      if (grid.caption && grid.rows[0]?.[0]?.text !== grid.caption) {
        w.ensure(PITCH + firstBlock(layout, g));
        w.caption(grid.caption);
      }
      w.table(layout);
      w.y += TABLE_GAP;
    });
  });
  return w.end();
}
