// A printed table as a form is walked: each value cell's place in the grid as drawn (merged
// header cells expanded, so that a column is one column), the next value cell in a direction
// (the arrow keys), and a block of figures pasted from a spreadsheet laid on the cells from the
// selected one rightwards and down.
import type { Grid } from '../../src/model/grid.ts';

export interface Places {
  /** Path → [row, column] as drawn. */
  at: Map<string, [number, number]>;
  /** `row,column` → path. */
  path: Map<string, string>;
  /** `row,column` → the label drawn there (a merged label at each place it covers). */
  label: Map<string, string>;
  rows: number;
  cols: number;
}

export function placesOf(grid: Grid): Places {
  const taken = new Set<string>();
  const at = new Map<string, [number, number]>();
  const path = new Map<string, string>();
  const label = new Map<string, string>();
  let cols = 0;
  grid.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken.has(`${r},${c}`)) c++;
      for (let dr = 0; dr < (cell.rowspan ?? 1); dr++)
        for (let dc = 0; dc < (cell.colspan ?? 1); dc++) {
          taken.add(`${r + dr},${c + dc}`);
          if (!cell.path && cell.text) label.set(`${r + dr},${c + dc}`, cell.text);
        }
      if (cell.path) {
        at.set(cell.path, [r, c]);
        path.set(`${r},${c}`, cell.path);
      }
      c += cell.colspan ?? 1;
      cols = Math.max(cols, c);
    }
  });
  return { at, path, label, rows: grid.rows.length, cols };
}

export type Direction = 'up' | 'down' | 'left' | 'right';
const STEP: Record<Direction, [number, number]> = { up: [-1, 0], down: [1, 0], left: [0, -1], right: [0, 1] };

/** The nearest value cell from `from` in a direction, past label cells; null at the table's edge. */
export function nextCell(p: Places, from: string, d: Direction): string | null {
  const start = p.at.get(from);
  if (!start) return null;
  const [dr, dc] = STEP[d];
  for (let r = start[0] + dr, c = start[1] + dc; r >= 0 && c >= 0 && r < p.rows && c < p.cols; r += dr, c += dc) {
    const hit = p.path.get(`${r},${c}`);
    if (hit) return hit;
  }
  return null;
}

/** A figure as pasted: a number, a blank (empty), or text that is not a figure. */
export type Pasted = number | null | { bad: string };

/** A spreadsheet's clipboard (rows by newline, cells by tab): each cell a figure, a blank (empty) or not one (a dash too: 0 or blank, the clerk says which). Thousands separators and spaces are dropped. */
export function parseBlock(text: string): Pasted[][] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  return lines.map((l) =>
    l.split('\t').map((raw) => {
      const t = raw.replace(/[,，\s]/g, '');
      if (t === '') return null;
      const n = Number(t);
      return Number.isFinite(n) && n >= 0 ? n : { bad: raw.trim() };
    }),
  );
}

/** The cells a pasted block fills, laid from `from` rightwards and down over the value cells as drawn; figures that fall off the table or on a label are counted, not placed. */
export function layBlock(p: Places, from: string, block: Pasted[][]): { cells: Record<string, number | null>; bad: string[]; outside: number } {
  const start = p.at.get(from);
  const cells: Record<string, number | null> = {};
  const bad: string[] = [];
  let outside = 0;
  if (!start) return { cells, bad, outside: block.flat().length };
  block.forEach((row, i) =>
    row.forEach((v, j) => {
      const path = p.path.get(`${start[0] + i},${start[1] + j}`);
      if (v !== null && typeof v === 'object') bad.push(v.bad);
      else if (!path) outside++;
      else cells[path] = v;
    }),
  );
  return { cells, bad, outside };
}

/** A value cell named by the labels printed on its row (left of it) and its column (above it): `本年新收政府信息公开申请数量 · 自然人`. */
export function cellLabel(p: Places, path: string): string | null {
  const at = p.at.get(path);
  if (!at) return null;
  const [r, c] = at;
  const seen = (list: string[], t: string | undefined) => (t && !list.includes(t) ? [...list, t] : list);
  let row: string[] = [];
  for (let x = 0; x < c; x++) row = seen(row, p.label.get(`${r},${x}`));
  let col: string[] = [];
  for (let y = 0; y < r; y++) col = seen(col, p.label.get(`${y},${c}`));
  return [...row, ...col].join(' · ');
}

/** The label of a value cell in whichever of the tables holds it (the path itself where none does). */
export const labelIn = (tables: Places[], path: string): string => tables.map((p) => cellLabel(p, path)).find((l) => l !== null) ?? path;
