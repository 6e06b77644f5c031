// The PDF writer's tables: cells placed from the template's grids, column widths, row heights, where a table may break.
import { officialColumnWidths, placeCells, type Grid, type GridCell, type PlacedCell } from '../grid.ts';
import { type Fonts, type LoadedFace, measure } from './fonts.ts';
import { CELL_LEADING, CELL_PAD_X, CELL_PAD_Y, type Geometry, MIN_ROW, MIN_ROW_OPEN, PORTRAIT, SIZE, TEXT_W } from './geometry.ts';
import { tokens, wrap } from './lines.ts';

export const cellLineCache = new Map<string, string[]>();

/** A label's lines in a cell, balanced: as many lines as it needs, each about as long (其他对外管 / 理服务事项). */
export function cellLines(face: LoadedFace, text: string, width: number, size: number): string[] {
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

export interface Placed {
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

export interface TableLayout {
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
export function contentWidths(grid: Grid, placed: PlacedCell[], body: LoadedFace, size: number): { min: number[]; want: number[] } {
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

export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The official tables (also where an appendix repeats them) in the template's proportions; any other by content. */
export function columnWidths(grid: Grid, placed: PlacedCell[], body: LoadedFace, width: number, size: number): number[] {
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

export const OFFICIAL = (grid: Grid) => officialColumnWidths(grid) !== null;

/** A table set in 五号 where its columns allow it, else smaller (9, 7.5 pt): for wide appendix tables. */
export function tableSize(grid: Grid, body: LoadedFace, width: number): number {
  if (OFFICIAL(grid)) return SIZE.table;
  const raw = placeCells(grid);
  for (const size of [SIZE.table, 9]) if (sum(contentWidths(grid, raw, body, size).min) <= width) return size;
  return 7.5;
}

/** Whether an appendix needs landscape pages: a table of its that is too wide for a portrait page at 五号. */
export function wantsLandscape(grids: Grid[], body: LoadedFace): boolean {
  return grids.some((g) => !OFFICIAL(g) && (g.width > 12 || sum(contentWidths(g, placeCells(g), body, SIZE.table).min) > TEXT_W));
}

export function layoutTable(grid: Grid, fonts: Fonts, g: Geometry = PORTRAIT): TableLayout {
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
