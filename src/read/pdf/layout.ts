// From positioned words to rows of cells: the geometry of a PDF page, and nothing of the template.
// pdfjs gives text runs with positions; tables have no ruling we can rely on, so cells are found
// by the gaps between runs, multi-line cells by runs stacked at the same x, and table rows by the
// line of numbers that a (possibly taller) label cell stands beside.
import { joinPieces, KINSOKU_PULLED } from '../../model/paragraphs.ts';
import type { Box, DocRow } from '../document.ts';
import { cellsAt, type Segment } from './rulings.ts';

export interface Run {
  text: string;
  /** Left edge, points from the left. */
  x: number;
  /** Baseline, points from the top of the page. */
  y: number;
  w: number;
  /** Font size (glyph height), points. */
  h: number;
}

interface Cell {
  text: string;
  x: number;
  right: number;
  top: number;
  bottom: number;
  /** Vertical centre of the cell's first line. */
  mid: number;
  /** Baseline of the cell's last line. */
  base: number;
  h: number;
  value: boolean;
  /** Text set top to bottom (the 三、本年度办理结果 label of section 三). */
  vertical: boolean;
  /** A line of running text (a sentence), never a table cell however many figures it holds. */
  prose?: boolean;
}

const NUMBERISH = /^[-+]?[\d,，.]+(?:件|个|条|元|万元)?$|^[\/／—–-]$/;
/** A run that opens a new row label (`1.` `（二）` `二、`), so it never continues the cell above. */
const OPENS_LABEL = /^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十]+\s*、|\d{1,2}\s*[.．、](?!\d))/;
/** A page number: `- 3 -` `第 3 页` `第 3 页 共 5 页` `3/5`. */
export const PAGE_NUMBER = /^(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*\/\s*\d{1,3})$/;

const isVertical = (r: Run) => [...r.text.trim()].length >= 2 && r.w < (r.h / [...r.text.trim()].length) * 1.5 && r.h > r.w;

function toCell(r: Run, vertical: boolean): Cell {
  const text = r.text.trim();
  // A vertical run's pdfjs box is its column: y is the bottom, h the length.
  const top = vertical ? r.y - r.h : r.y - r.h * 0.85;
  return { text, x: r.x, right: r.x + r.w, top, bottom: vertical ? r.y : r.y + r.h * 0.15, mid: vertical ? r.y - r.h / 2 : r.y - r.h * 0.35, base: r.y, h: vertical ? r.w : r.h, value: NUMBERISH.test(text), vertical };
}

/** A cell's place on its page, to a tenth of a point (a viewer draws it over the page). */
const tenth = (n: number) => Math.round(n * 10) / 10;
const boxOf = (c: Cell): Box => [tenth(c.x), tenth(c.top), tenth(c.right), tenth(c.bottom)];

/** Groups runs into lines by their vertical centres, left to right. */
function lines(cells: Cell[]): Cell[][] {
  const sorted = [...cells].sort((a, b) => a.mid - b.mid || a.x - b.x);
  const out: Cell[][] = [];
  for (const c of sorted) {
    const line = out[out.length - 1];
    if (line && Math.abs(line[0].mid - c.mid) <= Math.max(2.5, Math.min(line[0].h, c.h) * 0.45)) line.push(c);
    else out.push([c]);
  }
  for (const l of out) l.sort((a, b) => a.x - b.x);
  return out;
}

/** Joins runs of one line that touch (a word split by the producer) into one cell. */
function joinTouching(line: Cell[]): Cell[] {
  const out: Cell[] = [];
  for (const c of line) {
    const prev = out[out.length - 1];
    const gap = prev ? c.x - prev.right : Infinity;
    // Two numbers are two cells however close, and so are a label and the number after it (narrow
    // columns); text closer than half a character is one cell (`1.` + `属于国家秘密`).
    if (prev && gap < Math.min(prev.h, c.h) * 0.5 && !c.value) {
      const space = /[A-Za-z0-9]$/.test(prev.text) && /^[A-Za-z0-9]/.test(c.text) ? ' ' : '';
      prev.text += space + c.text;
      prev.right = Math.max(prev.right, c.x + (c.right - c.x));
      prev.top = Math.min(prev.top, c.top);
      prev.bottom = Math.max(prev.bottom, c.bottom);
      prev.base = Math.max(prev.base, c.base);
      prev.value = NUMBERISH.test(prev.text);
    } else out.push({ ...c });
  }
  return out;
}

/**
 * Text inside a ruled cell of a table of several columns is a cell, whatever it reads like: the
 * 2021 header `（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）` is no sentence of prose.
 */
function ruledCells(ls: Cell[][], segments: Segment[]): Cell[][] {
  if (!segments.length) return ls;
  for (const l of ls) {
    for (const c of l) {
      if (!c.prose) continue;
      const slots = cellsAt(segments, c.mid);
      if (slots.length >= 2 && slots.some((s) => c.x >= s.x0 - 1 && c.right <= s.x1 + 1)) c.prose = false;
    }
  }
  return ls;
}

/** Whether a horizontal rule runs between a cell and the text below it, across both. */
function ruledApart(segments: Segment[], upper: Cell, below: Cell): boolean {
  const x = ((upper.x + upper.right) / 2 + (below.x + below.right) / 2) / 2;
  return segments.some((s) => s.y0 === s.y1 && s.y0 > upper.base && s.y0 < below.top + 1 && s.x0 <= x && x <= s.x1);
}

/**
 * Text cells wrapped over several lines: a text cell directly below another, starting at the same
 * x, centred on it, or indented under its words (a hanging `1.`), within about one and a half
 * lines, continues it — unless it opens a new numbered label. Full-width prose lines are left
 * alone: they are paragraphs, not cells.
 */
function joinWrapped(ls: Cell[][], segments: Segment[]): Cell[][] {
  let right = 0;
  for (const l of ls) for (const c of l) if (!c.vertical) right = Math.max(right, c.right);
  const full = (c: Cell) => c.right >= right - c.h * 2;
  // A wrapped cell keeps its font size; a heading above a table does not continue into it.
  for (let i = 0; i < ls.length; i++) {
    for (const upper of ls[i]) {
      if (upper.value || upper.vertical || upper.prose || upper.text === '' || full(upper)) continue;
      for (let j = i + 1; j < ls.length; j++) {
        if (ls[j][0].mid - upper.base > Math.max(upper.h, ls[j][0].h) * 2.5) break;
        const centre = (upper.x + upper.right) / 2;
        const below = ls[j].find(
          (c) =>
            !c.value && !c.vertical && !c.prose && c.text !== '' && Math.abs(c.h - upper.h) <= 1.5 &&
            (Math.abs(c.x - upper.x) <= 3 || Math.abs((c.x + c.right) / 2 - centre) <= 3 || (c.x > upper.x && c.x < upper.x + upper.h * 3 && c.right <= upper.right + 3)),
        );
        if (!below) continue;
        // Wrapped lines sit 1.3–2 font sizes apart (small table fonts get generous leading);
        // rows that are this close open with their own numbering, which stops the join.
        if (below.base - upper.base > Math.max(upper.h, below.h) * 2.3 || OPENS_LABEL.test(below.text) || full(below)) break;
        // A rule drawn between them: two cells, however close.
        if (ruledApart(segments, upper, below)) break;
        upper.text += below.text;
        upper.bottom = below.bottom;
        upper.base = below.base;
        upper.right = Math.max(upper.right, below.right);
        below.text = '';
      }
    }
  }
  return ls.map((l) => l.filter((c) => c.text !== ''));
}

/**
 * Table rows: a line that holds numbers is a row; a label cell without numbers of its own (a
 * wrapped or vertically centred label) joins the number line that lies within its height.
 */
function rowsOf(ls: Cell[][]): Cell[][] {
  const valueLine = ls.map((l) => l.some((c) => c.value) && l.filter((c) => !c.value).every((c) => c.text.length <= 40));
  const rows: Cell[][] = ls.map((l) => [...l]);
  const moved = new Set<number>();
  for (let i = 0; i < ls.length; i++) {
    if (valueLine[i]) continue;
    const line = ls[i];
    if (line.length !== 1 || line[0].vertical || line[0].prose) continue;
    const c = line[0];
    if (c.text.length > 60) continue;
    // The number lines whose centre lies within the label's height.
    let best = -1;
    for (let j = Math.max(0, i - 3); j < Math.min(ls.length, i + 4); j++) {
      if (!valueLine[j] || moved.has(j)) continue;
      const m = ls[j].find((v) => v.value)!.mid;
      if (m < c.top - 2 || m > c.bottom + 2) continue;
      // Never beside a label already standing in that column.
      if (rows[j].some((o) => !o.value && Math.abs(o.x - c.x) < 6)) continue;
      if (ls[j].find((v) => v.value)!.x < c.right) continue;
      if (best < 0 || Math.abs(m - c.mid) < Math.abs(ls[best].find((v) => v.value)!.mid - c.mid)) best = j;
    }
    if (best < 0) continue;
    rows[best].push(c);
    rows[best].sort((a, b) => a.x - b.x);
    rows[i] = [];
  }
  return rows.filter((r) => r.length > 0);
}

/** How far apart (points) two numbers may stand and still be in one column: centred or aligned at an edge. */
const sameColumn = (a: Cell, b: Cell) =>
  Math.abs((a.x + a.right) / 2 - (b.x + b.right) / 2) <= 6 || Math.abs(a.right - b.right) <= 2 || Math.abs(a.x - b.x) <= 2;

/**
 * A blank cell prints nothing, so a row of numbers with a blank comes out one short and the
 * numbers after it would slide left. Where a nearby row has more numbers in the same columns,
 * the columns this row lacks get an empty cell.
 */
function padBlanks(rows: Cell[][], done: boolean[]): Cell[][] {
  const values = rows.map((r) => r.filter((c) => c.value));
  const n = values.map((v) => v.length);
  return rows.map((r, i) => {
    const mine = values[i];
    if (mine.length === 0 || done[i]) return r;
    let ref = -1;
    for (const j of sameTable(rows, n, i)) {
      if (values[j].length <= mine.length) continue;
      if (!mine.every((c) => values[j].some((o) => sameColumn(c, o)))) continue;
      if (ref < 0 || values[j].length > values[ref].length || (values[j].length === values[ref].length && Math.abs(j - i) < Math.abs(ref - i))) ref = j;
    }
    if (ref < 0) return r;
    const out = [...r];
    for (const o of values[ref]) {
      if (mine.some((c) => sameColumn(c, o))) continue;
      out.push({ ...o, text: '', top: mine[0].top, bottom: mine[0].bottom, mid: mine[0].mid, base: mine[0].base });
    }
    return out.sort((a, b) => a.x - b.x);
  });
}

/**
 * Rows of a ruled table: each cell the rules that cross the row mark off, right of the row's
 * label, holds its value or is blank — an empty cell, so the numbers after it stay in their
 * columns. Returns which rows the rules placed; the others are left to padBlanks.
 */
function placeByRulings(rows: Cell[][], segments: Segment[]): boolean[] {
  const centre = (c: Cell) => (c.x + c.right) / 2;
  type Slots = { x0: number; x1: number }[];
  const slotOf = (slots: Slots, c: Cell) => slots.findIndex((s) => s.x0 <= centre(c) && centre(c) < s.x1);
  const plan = rows.map((r) => {
    const first = r.find((c) => c.value);
    const slots: Slots = first ? cellsAt(segments, first.mid) : [];
    if (!first || slots.length < 2) return null;
    const labels = r.filter((c) => !c.value).map((c) => slotOf(slots, c));
    return { first, slots, from: labels.length ? Math.max(...labels) + 1 : null };
  });
  // A row whose label stands on lines of its own (wrapped above and below the numbers) starts
  // where a labelled row of the same table starts: the one whose value cells have the same rules.
  const sameTail = (a: Slots, b: Slots, n: number) => n <= a.length && n <= b.length && b.slice(-n).every((s, k) => Math.abs(s.x0 - a[a.length - n + k].x0) < 1.5);
  for (let i = 0; i < plan.length; i++) {
    const p = plan[i];
    if (!p || p.from !== null) continue;
    p.from = 0;
    for (let d = 1; d <= 20; d++) {
      const q = [plan[i - d], plan[i + d]].find((o) => o && o.from !== null && o.from > 0 && o.from < o.slots.length && sameTail(p.slots, o.slots, o.slots.length - o.from));
      if (!q) continue;
      p.from = p.slots.length - (q.slots.length - q.from!);
      break;
    }
  }
  return rows.map((r, i) => {
    const p = plan[i];
    if (!p || p.from === null || p.from <= 0 && r.some((c) => !c.value)) return false;
    const out = [...r];
    for (let k = p.from; k < p.slots.length; k++) {
      if (r.some((c) => slotOf(p.slots, c) === k)) continue;
      const s = p.slots[k];
      out.push({ ...p.first, text: '', x: s.x0 + 1, right: s.x1 - 1 });
    }
    rows[i] = out.sort((a, b) => a.x - b.x);
    return true;
  });
}

/**
 * Whether a row of numbers may have a blank cell the text does not show, so that the page's rules
 * (when it has them) should place its cells: it is shorter than a row of numbers near it (blanks
 * padded counted), or than the header line right above it, or its numbers stand at uneven
 * distances (a blank column between two of them). A false alarm costs only the rules' reading.
 */
function shortRows(rows: Cell[][]): boolean {
  const n = rows.map((r) => r.filter((c) => c.value).length);
  return rows.some((r, i) => {
    if (n[i] === 0) return false;
    // The table's header: the nearest block of lines of several cells without numbers above the
    // row (past its other rows and lone labels, not past prose). Each header cell right of the
    // row's label has a number of the row under it, unless a cell of the row is blank.
    const values = r.filter((c) => c.value);
    const labelRight = Math.max(-Infinity, ...r.filter((c) => !c.value).map((c) => c.right));
    let seen = false;
    for (let k = i - 1; k >= 0; k--) {
      const header = n[k] === 0 && rows[k].length >= 2;
      if (rows[k].some((c) => c.prose) || (seen && !header)) break;
      if (!header) continue;
      seen = true;
      for (const h of rows[k]) {
        if (h.vertical || (h.x + h.right) / 2 <= labelRight) continue;
        if (!values.some((c) => (c.x + c.right) / 2 >= h.x - 2 && (c.x + c.right) / 2 <= h.right + 2)) return true;
      }
    }
    const centres = r.filter((c) => c.value).map((c) => (c.x + c.right) / 2);
    const steps = centres.slice(1).map((x, k) => x - centres[k]);
    if (steps.length > 1 && Math.max(...steps) > Math.min(...steps) * 1.6) return true;
    // The rows of numbers around it (up to prose) stand in more columns than it has numbers: in a
    // table mostly blank no row is full, and a lone number's column is a guess.
    return columnsAround(rows, n, i) > n[i];
  });
}

/** How many columns the numbers of row `i` and of the rows of its table (sameTable) stand in. */
function columnsAround(rows: Cell[][], n: number[], i: number): number {
  const columns: Cell[] = [];
  for (const k of [i, ...sameTable(rows, n, i)]) for (const c of rows[k]) if (c.value && !columns.some((o) => sameColumn(c, o))) columns.push(c);
  return columns.length;
}

/**
 * The rows of numbers within 15 of row `i` that belong to its table: not past a line of prose or
 * a header (a line of several cells without numbers, where another table with other columns may
 * begin). `n`: each row's count of numbers.
 */
function sameTable(rows: Cell[][], n: number[], i: number): number[] {
  const out: number[] = [];
  for (const step of [-1, 1]) {
    for (let k = i + step, d = 1; k >= 0 && k < rows.length && d <= 15; k += step, d++) {
      if (rows[k].some((c) => c.prose) || (n[k] === 0 && rows[k].length >= 2)) break;
      if (n[k] > 0) out.push(k);
    }
  }
  return out;
}

const SENTENCE_MARK = /[，。；！？]/;
/** A sentence's end, or a lead-in (`改进情况：`): no label of the template holds one. */
const SENTENCE_END = /[。；！？：]/;
const cjkCount = (s: string) => (s.match(/[\u4e00-\u9fff]/g) ?? []).length;

/**
 * Lines of running text. A table row stands in cells with column gaps between them; a sentence is
 * set as one run of text, which pdfjs breaks into runs at each change of font (a figure set in a
 * Latin font: `府信息` `5500` `余条，…`) with no more than a space between them. A line whose runs
 * all stand closer than a character and that reads as a sentence (a ，or 。, or a line of Chinese)
 * is one prose cell: its figures are prose, not table cells.
 */
function proseLines(ls: Cell[][]): Cell[][] {
  return ls.map((l) => {
    if (l.some((c) => c.vertical)) return l;
    // One run alone is left as it is — a table label may hold a ，too (（区分处理的，只计这一情形…）) —
    // unless it ends a sentence or leads into one (。；！？：), which no label of the template does: the short last
    // line of a paragraph is prose, never a cell that wraps into the line below.
    if (l.length === 1) return SENTENCE_END.test(l[0].text) && cjkCount(l[0].text) >= 2 ? [{ ...l[0], value: false, prose: true }] : l;
    const h = Math.min(...l.map((c) => c.h));
    for (let i = 1; i < l.length; i++) if (l[i].x - l[i - 1].right > h) return l;
    const text = l.reduce((t, c) => (t === '' ? c.text : joinPieces(t, c.text)), '');
    if (!(SENTENCE_MARK.test(text) || cjkCount(text) >= 8) || cjkCount(text) < 2) return l;
    const first = l[0];
    return [{ ...first, text, right: Math.max(...l.map((c) => c.right)), top: Math.min(...l.map((c) => c.top)), bottom: Math.max(...l.map((c) => c.bottom)), base: Math.max(...l.map((c) => c.base)), value: false, prose: true }];
  });
}

/** Where a row's only cell stands on the page: for telling soft line breaks from paragraph ends. */
export interface LineBox {
  x: number;
  right: number;
  base: number;
  h: number;
}

/**
 * Soft line breaks: a prose line continues the one before when that one runs to the right margin
 * and this one starts at the left margin (not indented) with no extra space above it, in the same
 * type size; across a page break the space above does not count. A subheading opens its own
 * paragraph (joinLines). Margins are the page's text block, found from the prose lines themselves.
 */
export function markWraps(rows: DocRow[], boxes: (LineBox | null)[]): void {
  // The text block from the lines of running text (a dozen characters or more), not from table
  // cells, which may stand out into the margins: its right edge, where most such lines end, and
  // its left edge, the leftmost place where two of the lines that run to the right edge begin (the
  // first line of a paragraph may be indented; the full lines after it are not).
  const text = boxes.filter((b, i): b is LineBox => b !== null && [...(rows[i].cells[0]?.text ?? '')].length >= 12);
  if (text.length < 2) return;
  const right = clusters(text.map((b) => b.right)).sort((a, b) => b.count - a.count || b.at - a.at)[0].at;
  const full = clusters(text.filter((b) => b.right >= right - b.h * 1.5).map((b) => b.x));
  const left = (full.find((c) => c.count >= 2) ?? full[0]).at;
  for (let i = 1; i < rows.length; i++) {
    const a = boxes[i - 1];
    const b = boxes[i];
    if (!a || !b || Math.abs(a.h - b.h) > 1) continue;
    const samePage = rows[i].page === rows[i - 1].page;
    if (samePage && (b.base - a.base > b.h * 2.2 || b.base <= a.base)) continue;
    const short = KINSOKU_PULLED.test(rows[i].cells[0]?.text ?? '') ? 3 : 1.5;
    if (a.right >= right - a.h * short && b.x <= left + b.h * 0.5) rows[i].wrap = true;
  }
}

/** Values within 2 points of each other, left to right: where each group begins and how many it holds. */
function clusters(xs: number[]): { at: number; count: number }[] {
  const out: { at: number; count: number }[] = [];
  for (const x of [...xs].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && x - last.at <= 2) last.count++;
    else out.push({ at: x, count: 1 });
  }
  return out;
}

export interface PageText {
  rows: DocRow[];
  /** Runs dropped as page furniture (page numbers). */
  dropped: number;
  /** Each row's box where it is one prose or text cell, else null. */
  boxes: (LineBox | null)[];
  /** A row of numbers shorter than one near it that no ruling placed (see layoutPage). */
  short: boolean;
}

/** Turns one page's runs into rows; `firstLine` numbers the page's lines on from the pages before. */
/**
 * pdfjs joins text drawn close together into one run, spaces included: numbers of adjacent narrow
 * columns come as `3607 8429`. Such a run is split into one run per number, each given its share
 * of the width by its length.
 */
function splitNumbers(r: Run): Run[] {
  const text = r.text.trim();
  if (!/^[-+]?\d[\d.,]*(\s+[-+]?\d[\d.,]*)+$/.test(text)) return [r];
  const parts = text.split(/\s+/);
  const perChar = r.w / text.length;
  const out: Run[] = [];
  let at = 0;
  for (const p of parts) {
    const start = text.indexOf(p, at);
    out.push({ ...r, text: p, x: r.x + start * perChar, w: p.length * perChar });
    at = start + p.length;
  }
  return out;
}

/**
 * `segments`: the page's ruling lines (rulings.ts), where the caller has them; without them blank
 * cells are found from the columns of the rows nearby (padBlanks), and `short` says when that was
 * a guess the rules could settle.
 */
export function layoutPage(runs: Run[], page: number, firstLine: number, segments: Segment[] = []): PageText {
  let dropped = 0;
  const cells: Cell[] = [];
  for (const r of runs.flatMap(splitNumbers)) {
    const text = r.text.trim();
    if (!text) continue;
    if (PAGE_NUMBER.test(text)) {
      dropped++;
      continue;
    }
    cells.push(toCell(r, isVertical(r)));
  }
  const ls = joinWrapped(ruledCells(proseLines(lines(cells).map(joinTouching)), segments), segments);
  const rows = rowsOf(ls);
  const placed = segments.length ? placeByRulings(rows, segments) : rows.map(() => false);
  const padded = padBlanks(rows, placed);
  return {
    dropped,
    short: shortRows(padded.filter((_, i) => !placed[i])),
    boxes: padded.map((r) => (r.length === 1 && !r[0].value && !r[0].vertical ? { x: r[0].x, right: r[0].right, base: r[0].base, h: r[0].h } : null)),
    rows: padded.map((r, k) => {
      const line = firstLine + k;
      return { cells: r.map((c) => ({ text: c.text, line, page, box: boxOf(c) })), line, page, tableRow: r.length > 1 };
    }),
  };
}
