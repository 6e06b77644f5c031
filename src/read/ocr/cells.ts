// Table cells from the rules of a page: the rules that cross each other make a table; the
// positions of its rules make a grid; grid squares with no rule between them are one (merged)
// cell. Each cell is then read on its own, so tesseract never sees a line of far-apart numbers
// (its Chinese model drops and merges those) and a cell's text never runs into its neighbour's.
import type { HRule, Rules, VRule } from './raster.ts';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Table {
  box: Box;
  cells: Box[];
}

/** Positions closer than this (pixels) are one grid line. */
const SNAP = 8;

function snap(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1] <= SNAP) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => Math.round(g.reduce((a, b) => a + b, 0) / g.length));
}

class UnionFind {
  parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]];
    return i;
  }
  union(a: number, b: number) {
    this.parent[this.find(a)] = this.find(b);
  }
}

/** Share of [a, b] covered by the given intervals. */
function covered(a: number, b: number, spans: [number, number][]): number {
  let sum = 0;
  let at = a;
  for (const [s, e] of [...spans].sort((p, q) => p[0] - q[0])) {
    const from = Math.max(s, at);
    const to = Math.min(e, b);
    if (to > from) {
      sum += to - from;
      at = to;
    }
  }
  return sum / Math.max(1, b - a);
}

/** The tables of a page: groups of crossing rules, each cut into its cells. */
export function findTables(rules: Rules): Table[] {
  const { h, v } = rules;
  const n = h.length + v.length;
  const uf = new UnionFind(n);
  const tol = SNAP;
  for (let i = 0; i < h.length; i++) {
    for (let j = 0; j < v.length; j++) {
      const a = h[i];
      const b = v[j];
      if (b.x >= a.x0 - tol && b.x <= a.x1 + tol && a.y >= b.y0 - tol && a.y <= b.y1 + tol) uf.union(i, h.length + j);
    }
  }
  const groups = new Map<number, { h: HRule[]; v: VRule[] }>();
  for (let k = 0; k < n; k++) {
    const root = uf.find(k);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { h: [], v: [] }));
    if (k < h.length) g.h.push(h[k]);
    else g.v.push(v[k - h.length]);
  }
  const tables: Table[] = [];
  for (const g of groups.values()) {
    // A table has at least two rows of cells and a rule between two columns.
    if (g.h.length < 3 || g.v.length < 1) continue;
    const t = gridCells(g.h, g.v);
    if (t) tables.push(t);
  }
  return tables;
}

function gridCells(h: HRule[], v: VRule[]): Table | null {
  // The ends of the horizontal rules are the table's sides even where no vertical rule is drawn
  // (tables without outer side borders), and likewise the ends of the vertical rules.
  const left = Math.min(...h.map((r) => r.x0));
  const right = Math.max(...h.map((r) => r.x1));
  const top = Math.min(...h.map((r) => r.y), ...v.map((r) => r.y0));
  const bottom = Math.max(...h.map((r) => r.y), ...v.map((r) => r.y1));
  const xs = snap([left, right, ...v.map((r) => r.x)]);
  const ys = snap([top, bottom, ...h.map((r) => r.y)]);
  const nx = xs.length - 1;
  const ny = ys.length - 1;
  if (nx < 1 || ny < 2) return null;
  const uf = new UnionFind(nx * ny);
  const at = (i: number, j: number) => j * nx + i;
  const edge = (x: number) => Math.abs(x - xs[0]) <= SNAP || Math.abs(x - xs[nx]) <= SNAP;
  const edgeY = (y: number) => Math.abs(y - ys[0]) <= SNAP || Math.abs(y - ys[ny]) <= SNAP;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      // Right neighbour: merged unless a vertical rule at xs[i+1] covers most of this row.
      if (i + 1 < nx && !edge(xs[i + 1])) {
        const spans = v.filter((r) => Math.abs(r.x - xs[i + 1]) <= SNAP).map((r): [number, number] => [r.y0, r.y1]);
        if (covered(ys[j], ys[j + 1], spans) < 0.6) uf.union(at(i, j), at(i + 1, j));
      }
      // Neighbour below: merged unless a horizontal rule at ys[j+1] covers most of this column.
      if (j + 1 < ny && !edgeY(ys[j + 1])) {
        const spans = h.filter((r) => Math.abs(r.y - ys[j + 1]) <= SNAP).map((r): [number, number] => [r.x0, r.x1]);
        if (covered(xs[i], xs[i + 1], spans) < 0.6) uf.union(at(i, j), at(i, j + 1));
      }
    }
  }
  const boxes = new Map<number, Box>();
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const r = uf.find(at(i, j));
      const b = boxes.get(r);
      if (!b) boxes.set(r, { x0: xs[i], y0: ys[j], x1: xs[i + 1], y1: ys[j + 1] });
      else {
        b.x0 = Math.min(b.x0, xs[i]);
        b.y0 = Math.min(b.y0, ys[j]);
        b.x1 = Math.max(b.x1, xs[i + 1]);
        b.y1 = Math.max(b.y1, ys[j + 1]);
      }
    }
  }
  return { box: { x0: xs[0], y0: ys[0], x1: xs[nx], y1: ys[ny] }, cells: [...boxes.values()] };
}
