// The ruling lines of a PDF page's tables: where its cells are, so that a blank cell stays blank.
// A blank cell prints nothing; from the text alone a row `总计 0` with six blanks before it looks
// like a row whose first number is 0 (gaps between runs say where text is, not where cells are).
// The borders the producer drew say it: each vertical rule that crosses a row is a cell boundary.
//
// Hand-written on pdfjs's operator list (getOperatorList): pdfjs gives the page's paths but no
// geometry of them, and no library in the registry turns a pdfjs operator list into segments.

/** A straight rule, points from the top-left of the page: vertical when x0 = x1, horizontal when y0 = y1. */
export interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The operator codes this module reads (pdfjs's `OPS`). */
export interface Ops {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
}

/** pdfjs's path commands inside a constructPath (`DrawOPS`). */
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const QUAD = 3;
const CLOSE = 4;

/** A filled rectangle this thin (points) is a rule (LibreOffice and Word draw borders so). */
const THIN = 3;

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  n[0] * m[0] + n[1] * m[2],
  n[0] * m[1] + n[1] * m[3],
  n[2] * m[0] + n[3] * m[2],
  n[2] * m[1] + n[3] * m[3],
  n[4] * m[0] + n[5] * m[2] + m[4],
  n[4] * m[1] + n[5] * m[3] + m[5],
];

/**
 * The page's axis-aligned rules from its operator list: stroked straight segments, and filled
 * rectangles thinner than THIN points taken as the line along their length. `height` turns PDF
 * space (y up) into the reader's (y down from the top), as for the text runs.
 */
export function segmentsOf(list: { fnArray: ArrayLike<number>; argsArray: ArrayLike<unknown> }, ops: Ops, height: number): Segment[] {
  const out: Segment[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const stroked = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const filled = new Set([ops.fill, ops.eoFill]);
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform && args && args.length >= 6) ctm = multiply(ctm, args.slice(0, 6).map(Number) as Matrix);
    else if (fn === ops.constructPath && args) {
      const paint = args[0] as number;
      const data = (Array.isArray(args[1]) ? args[1][0] : args[1]) as ArrayLike<number> | null | undefined;
      if (!data || !(stroked.has(paint) || filled.has(paint))) continue;
      const at = (x: number, y: number) => ({ x: ctm[0] * x + ctm[2] * y + ctm[4], y: height - (ctm[1] * x + ctm[3] * y + ctm[5]) });
      // Subpaths as point lists.
      const paths: { x: number; y: number }[][] = [];
      let cur: { x: number; y: number }[] = [];
      for (let k = 0; k < data.length; ) {
        const c = data[k++];
        if (c === MOVE) {
          if (cur.length) paths.push(cur);
          cur = [at(data[k++], data[k++])];
        } else if (c === LINE) cur.push(at(data[k++], data[k++]));
        else if (c === CURVE) {
          // A curve is no rule: its subpath ends here.
          k += 6;
          if (cur.length) paths.push(cur);
          cur = [];
        } else if (c === QUAD) {
          k += 4;
          if (cur.length) paths.push(cur);
          cur = [];
        } else if (c === CLOSE) {
          if (cur.length) cur.push(cur[0]);
        } else break;
      }
      if (cur.length) paths.push(cur);
      for (const p of paths) {
        if (stroked.has(paint)) {
          for (let k = 1; k < p.length; k++) {
            const a = p[k - 1];
            const b = p[k];
            if (Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) >= 1) out.push({ x0: a.x, x1: a.x, y0: Math.min(a.y, b.y), y1: Math.max(a.y, b.y) });
            else if (Math.abs(a.y - b.y) < 0.5 && Math.abs(a.x - b.x) >= 1) out.push({ x0: Math.min(a.x, b.x), x1: Math.max(a.x, b.x), y0: a.y, y1: a.y });
          }
        } else {
          const xs = p.map((q) => q.x);
          const ys = p.map((q) => q.y);
          const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
          if (x1 - x0 <= THIN && y1 - y0 > THIN) out.push({ x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0, y1 });
          else if (y1 - y0 <= THIN && x1 - x0 > THIN) out.push({ x0, x1, y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 });
        }
      }
    }
  }
  return out;
}

/**
 * The cells of a table row at height `y`: the intervals between the vertical rules that cross it,
 * left to right (rules closer than a few points, a double border, count once). Empty when no two
 * rules cross the row: the row is not in a ruled table.
 */
export function cellsAt(segments: Segment[], y: number): { x0: number; x1: number }[] {
  const xs = segments
    .filter((s) => s.x0 === s.x1 && s.y0 - 1 <= y && y <= s.y1 + 1)
    .map((s) => s.x0)
    .sort((a, b) => a - b);
  const edges: number[] = [];
  for (const x of xs) if (!edges.length || x - edges[edges.length - 1] > 3) edges.push(x);
  const out: { x0: number; x1: number }[] = [];
  for (let i = 1; i < edges.length; i++) out.push({ x0: edges[i - 1], x1: edges[i] });
  return out;
}
