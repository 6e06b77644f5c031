// Mapping the cells of sections 二, 三 and 四 to the model by their row and column labels.
// Tables are found by their labels, not their position; a row's values are the value cells
// that follow its label (in its own table row where the reader knows rows). This module holds
// what the three sections share (a row's values, fitting them to the columns, assigning them);
// each section's tables are mapped in its own module: active.ts (二), applications.ts (三),
// reviews.ts (四).
import { blankReport } from '../model/blank.ts';
import { rowOf } from '../model/paths.ts';
import type { Report } from '../model/report.ts';
import { cellsOf, type ColumnDef, type Template } from '../template/index.ts';
import type { Item } from './items.ts';
import { parseCell } from './numbers.ts';
import type { CellOrigin, LabelOrigin, SourceMap } from './source.ts';

/** Half-open ranges of items that belong to each table, so that section text leaves them out. */
export type Span = [number, number];

export interface TableResult {
  spans: Span[];
}

export interface Ctx {
  items: Item[];
  template: Template;
  report: Report;
  source: SourceMap;
  spans: Span[];
}

/** Origins of cells that were not printed are the same for every report: shared, never mutated. */
export const UNPRINTED = {
  'no-table': Object.freeze({ status: 'no-table', raw: null, line: null }),
  'no-row': Object.freeze({ status: 'no-row', raw: null, line: null }),
  'no-column': Object.freeze({ status: 'no-column', raw: null, line: null }),
  'no-value': Object.freeze({ status: 'no-value', raw: null, line: null }),
} as const satisfies Record<string, CellOrigin>;

// One object literal for each case, not a spread of a second object: made for every printed cell.
export const origin = (it: Item, status: CellOrigin['status']): CellOrigin =>
  it.page === undefined ? { status, raw: it.text, line: it.line } : it.box === undefined ? { status, raw: it.text, line: it.line, page: it.page } : { status, raw: it.text, line: it.line, page: it.page, box: it.box };

export function labelOrigin(kind: LabelOrigin['kind'], path: string, it: Item, hit: { match: LabelOrigin['match']; official: string }): LabelOrigin {
  const line = it.line;
  return it.page !== undefined
    ? { kind, path, printed: it.text, official: hit.official, match: hit.match, line, page: it.page }
    : { kind, path, printed: it.text, official: hit.official, match: hit.match, line };
}

/**
 * The value cells of a row whose label is item `at`: from its own table row where the reader
 * knows rows, else the run of value items that follows it. Returns item indices.
 */
const LABEL_WORDS = /[\u4e00-\u9fff]/;

export function valuesAfter(items: Item[], at: number, end: number): number[] {
  const out: number[] = [];
  const label = items[at];
  let i = at + 1;
  if (label.tableRow && i < end && items[i].row === label.row) {
    for (; i < end && items[i].row === label.row; i++) {
      // Another label in the same row (a group label's sub-row) is Chinese words, and a cell of
      // punctuation alone (`，` of a label wrapped over cells) is a piece of the label; any other
      // cell of the row (`NaN`, `(3)`) is a value the reader could not read, reported by its parse.
      if (!items[i].value && (LABEL_WORDS.test(items[i].text) || !/[\p{L}\p{N}]/u.test(items[i].text))) return out;
      out.push(i);
    }
    return out;
  }
  for (; i < end && items[i].value; i++) out.push(i);
  return out;
}

/**
 * Fits k value cells to n columns. Extra cells are empty spacers left by merged cells or
 * row residue (`||`): drop empty ones from the end first, then from the start. Cells are placed
 * by the table's columns from the left; a row the reader printed with more filled cells than
 * the table has columns (an HTML row with one <td> too many) keeps the first n and says so, at
 * the row: its values may stand in the wrong columns, and never silently.
 */
export function fit(ctx: Ctx, idx: number[], n: number, rowPath: string, tail?: number): (number | null)[] {
  const items = ctx.items;
  const v = [...idx];
  // A page's row has the cells the document has (merged cells once, blanks as the blanks they are);
  // text and PDF lines have spacers. Either way, only where the reader knows the cells share one row.
  const oneRow = idx.length > n && idx.every((i) => items[i].tableRow && items[i].row === items[idx[0]].row);
  const exact = ctx.source.document.format === 'html' || ctx.source.document.format === 'docx';
  const printed = v.length;
  // Rows that print every cell of a grid (Word's text export) end where the table's other rows
  // end: `\t(七)总计\t\t2904…\t95\t` beside rows that end in their last value is a spacer of the
  // wide label and a blank 总计, not a 总计 of 95 (tail: the cells the table's rows print after their
  // last value). Pipe rows leave the residue of merged cells at their end (`| 0 | 0 | ||`) instead.
  if (oneRow && tail !== undefined && ctx.source.document.layout === 'tab-rows') {
    for (let a = 1; a + n <= v.length; a++) {
      if (items[v[a - 1]].text !== '') break;
      if (cellsAfter(items, v[a + n - 1]) === tail && v.slice(a + n).every((i) => items[i].text === '')) {
        v.splice(0, a);
        break;
      }
    }
  }
  while (v.length > n && items[v[v.length - 1]].text === '') v.pop();
  while (v.length > n && items[v[0]].text === '') v.shift();
  const out: (number | null)[] = v.slice(0, n);
  const extra = v.slice(n).filter((i) => items[i].text !== '');
  if (oneRow && (extra.length || (exact && idx.some((i) => items[i].text !== '')))) {
    const it = items[extra[0] ?? idx[0]];
    const count = exact ? printed : v.length;
    const dropped = extra.length ? `，多出的「${extra.map((i) => items[i].text).join('」「')}」未读取` : '';
    ctx.source.document.messages.push({
      severity: 'warning',
      code: 'extra-cell',
      message: `第 ${it.line} 行有 ${count} 个${exact ? '单元格' : '数'}，多于表格的 ${n} 列：按表头的列读取前 ${n} 个${dropped}，这一行的数可能错位`,
      line: it.line,
      ...(it.page !== undefined ? { page: it.page } : {}),
      path: rowPath,
    });
  }
  while (out.length < n) out.push(null);
  return out;
}

/** How many cells of its row follow item i. */
function cellsAfter(items: Item[], i: number): number {
  let j = i;
  while (j + 1 < items.length && items[j + 1].row === items[i].row) j++;
  return j - i;
}

/** The number of cells most rows of a table print after their last value, from rows that print exactly n values in one row. */
export function typicalTail(items: Item[], rows: number[][], n: number): number | undefined {
  const counts = new Map<number, number>();
  for (const vals of rows) {
    if (vals.length !== n || !items[vals[0]].tableRow || items[vals[n - 1]].text === '') continue;
    const t = cellsAfter(items, vals[n - 1]);
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  let best: number | undefined;
  let most = 1;
  for (const [t, c] of counts) if (c > most) [best, most] = [t, c];
  return best;
}

/**
 * Word's text export writes a value cell that spans two columns once, so a table row comes out
 * one cell short. Where every value of such a row is the same number, the spanning cell's value
 * stands for both columns (and a reader message says so); otherwise the missing cell stays null.
 */
export function spanned(ctx: Ctx, idx: number[], n: number): number[] {
  const filled = idx.filter((i) => ctx.items[i].text !== '');
  // Only in text exported from Word: a page (HTML, DOCX, PDF) shows a blank as the blank it is.
  const textExport = ctx.source.document.format === 'text' || ctx.source.document.format === 'doc';
  if (!textExport || filled.length !== n - 1 || filled.length < 2 || !filled.every((i) => ctx.items[i].tableRow)) return idx;
  // In text, a blank printed after the last value (`| 0 | 0 |  |`: tab lines lose trailing tabs,
  // pipes keep their cells) is a blank cell, not a row one cell short. A .doc gives the cell a
  // merge took away as a blank after the value, so there it is the span.
  // Nor is a blank between values (`0\t\t0`, `| 0 |  | 0 |`): the row printed all its cells.
  if (ctx.source.document.format === 'text' && filled.length < idx.length) return idx;
  const text = ctx.items[filled[0]].text;
  if (!filled.every((i) => ctx.items[i].text === text)) return idx;
  const last = filled[filled.length - 1];
  ctx.source.document.messages.push({ severity: 'warning', code: 'merged-cell', message: `第 ${ctx.items[last].line} 行少一个单元格，按跨两列的合并单元格读取（最后一个数同时填入两列）`, line: ctx.items[last].line });
  return [...filled, last];
}

const cellPaths = new Map<string, Map<string, string>>();

/** `${rowPath}.${column}`, made once: the same strings (with their hashes) serve every report. */
export function cellPath(rowPath: string, column: string): string {
  let m = cellPaths.get(rowPath);
  if (!m) {
    m = new Map();
    cellPaths.set(rowPath, m);
  }
  let p = m.get(column);
  if (p === undefined) {
    p = `${rowPath}.${column}`;
    m.set(column, p);
  }
  return p;
}

export function assign(ctx: Ctx, rowPath: string, columns: (ColumnDef | null)[], cells: (number | null)[]) {
  const row = rowOf(ctx.report, rowPath);
  for (let j = 0; j < columns.length; j++) {
    const col = columns[j];
    if (!col) continue; // a printed column the model does not keep (小计)
    const path = cellPath(rowPath, col.key);
    const idx = cells[j];
    if (idx === null) {
      ctx.source.cells.set(path, UNPRINTED['no-value']);
      continue;
    }
    const it = ctx.items[idx];
    const parsed = parseCell(it.text, col);
    row[col.key] = parsed.value;
    ctx.source.cells.set(path, origin(it, parsed.status));
  }
}

export function newContext(items: Item[], template: Template, source: SourceMap): Ctx {
  const report = blankReport(template.version);
  for (const cell of cellsOf(template)) source.cells.set(cell.path, UNPRINTED['no-table']);
  for (const t of template.active) source.tables[t.id] = { found: false, line: null };
  source.tables.applications = { found: false, line: null };
  source.tables.reviews = { found: false, line: null };
  return { items, template, report, source, spans: [] };
}
