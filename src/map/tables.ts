// Mapping the cells of sections 二, 三 and 四 to the model by their row and column labels.
// Tables are found by their labels, not their position; a row's values are the value cells
// that follow its label (in its own table row where the reader knows rows).
import { blankReport } from '../model/blank.ts';
import { rowOf } from '../model/paths.ts';
import type { Report } from '../model/report.ts';
import { cellsOf, isGroup, wordings, type ColumnDef, type Label, type Template } from '../template/index.ts';
import type { Item } from './items.ts';
import { LabelIndex, type LabelHit } from './labels.ts';
import { coreOf, labelKey, numberingOf } from './normalize.ts';
import { parseCell } from './numbers.ts';
import type { CellOrigin, LabelOrigin, SourceMap } from './source.ts';

/** Half-open ranges of items that belong to each table, so that section text leaves them out. */
export type Span = [number, number];

export interface TableResult {
  spans: Span[];
}

interface Ctx {
  items: Item[];
  template: Template;
  report: Report;
  source: SourceMap;
  spans: Span[];
}

/** Origins of cells that were not printed are the same for every report: shared, never mutated. */
const UNPRINTED = {
  'no-table': Object.freeze({ status: 'no-table', raw: null, line: null }),
  'no-row': Object.freeze({ status: 'no-row', raw: null, line: null }),
  'no-column': Object.freeze({ status: 'no-column', raw: null, line: null }),
  'no-value': Object.freeze({ status: 'no-value', raw: null, line: null }),
} as const satisfies Record<string, CellOrigin>;

const origin = (it: Item, status: CellOrigin['status']): CellOrigin => ({
  status,
  raw: it.text,
  line: it.line,
  ...(it.page !== undefined ? { page: it.page } : {}),
});

function labelOrigin(kind: LabelOrigin['kind'], path: string, it: Item, hit: { match: LabelOrigin['match']; official: string }): LabelOrigin {
  return { kind, path, printed: it.text, official: hit.official, match: hit.match, line: it.line, ...(it.page !== undefined ? { page: it.page } : {}) };
}

/**
 * The value cells of a row whose label is item `at`: from its own table row where the reader
 * knows rows, else the run of value items that follows it. Returns item indices.
 */
const LABEL_WORDS = /[\u4e00-\u9fff]/;

function valuesAfter(items: Item[], at: number, end: number): number[] {
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
function fit(ctx: Ctx, idx: number[], n: number, rowPath: string, tail?: number): (number | null)[] {
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
function typicalTail(items: Item[], rows: number[][], n: number): number | undefined {
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
function spanned(ctx: Ctx, idx: number[], n: number): number[] {
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
function cellPath(rowPath: string, column: string): string {
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

function assign(ctx: Ctx, rowPath: string, columns: (ColumnDef | null)[], cells: (number | null)[]) {
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

function markRow(ctx: Ctx, rowPath: string, columns: ColumnDef[], line: number | null) {
  for (const col of columns) ctx.source.cells.set(cellPath(rowPath, col.key), { status: 'no-value', raw: null, line });
}

// ---------------------------------------------------------------- section 二

interface ActiveTarget {
  table: string;
  kind: 'heading' | 'row';
  path: string;
  columns: ColumnDef[];
}

const activeIndexes = new Map<string, LabelIndex<ActiveTarget>>();

function activeIndex(t: Template): LabelIndex<ActiveTarget> {
  let idx = activeIndexes.get(t.version);
  if (!idx) {
    const labels: { label: Label; target: ActiveTarget }[] = [];
    for (const table of t.active) {
      labels.push({ label: table.heading, target: { table: table.id, kind: 'heading', path: `active.${table.id}`, columns: table.columns } });
      for (const r of table.rows) labels.push({ label: r.label, target: { table: table.id, kind: 'row', path: `active.${r.key}`, columns: table.columns } });
    }
    idx = new LabelIndex(labels);
    activeIndexes.set(t.version, idx);
  }
  return idx;
}

export function mapActive(ctx: Ctx, from: number, to: number) {
  const index = activeIndex(ctx.template);
  const seen = new Set<string>();
  let spanStart = -1;
  let spanEnd = -1;
  for (let i = from; i < to; i++) {
    const it = ctx.items[i];
    if (it.value) continue;
    // A heading row such as 第二十条第(一)项 may be printed with a space: `第二十条  第(一)项`.
    const hit = index.match(it.key);
    if (!hit) continue;
    const t = hit.target;
    if (spanStart < 0) spanStart = i;
    if (t.kind === 'heading') {
      if (!ctx.source.tables[t.table]?.found) {
        ctx.source.tables[t.table] = { found: true, line: it.line, ...(it.page !== undefined ? { page: it.page } : {}) };
        ctx.source.labels.push(labelOrigin('table', t.path, it, hit));
      }
      spanEnd = Math.max(spanEnd, i + 1);
      continue;
    }
    if (seen.has(t.path)) continue;
    seen.add(t.path);
    if (!ctx.source.tables[t.table]?.found) ctx.source.tables[t.table] = { found: true, line: it.line };
    ctx.source.labels.push(labelOrigin('row', t.path, it, hit));
    const vals = valuesAfter(ctx.items, i, to);
    markRow(ctx, t.path, t.columns, it.line);
    assign(ctx, t.path, t.columns, fit(ctx, vals, t.columns.length, t.path));
    spanEnd = Math.max(spanEnd, (vals.length ? vals[vals.length - 1] : i) + 1);
  }
  if (spanStart >= 0) ctx.spans.push([spanStart, spanEnd]);
}

// ---------------------------------------------------------------- section 三

const RANK: Record<LabelHit<unknown>['match'], number> = { exact: 4, variant: 3, flagged: 2, fuzzy: 1 };

/**
 * A label wrapped over lines comes out as two or three cells (`1、申请人无正当理由逾期不补` /
 * `正、行政机关不再处理其政府信` / `息公开申请`), and text taken from a PDF may interleave the
 * pieces of a neighbouring cell (`他处理`). Where a cell is not a label by itself, it is joined
 * with one or two of the next few label-like cells nearby, in order, and the best match wins.
 */
function wrappedLabel<T>(items: Item[], labels: number[], p: number, index: LabelIndex<T>, context: MatchContext<T>): { hit: LabelHit<T>; members: number[] } | null {
  const first = items[labels[p]];
  const single = index.match(first.key, context);
  let best: { hit: LabelHit<T>; members: number[] } | null = single ? { hit: single, members: [labels[p]] } : null;
  if (single && RANK[single.match] >= RANK.variant) return best;
  // The next cells that may continue this one: close by, on this page, not labels by themselves.
  const next: number[] = [];
  for (let q = p + 1; q < labels.length && next.length < 4; q++) {
    const it = items[labels[q]];
    // Line numbers run on across pages, so a label cut by a page break joins its other half.
    if (it.line - first.line > 4) break;
    const own = index.match(it.key, context);
    // A cell that is a label by itself, or a numbered label of its own (`2.其他…`, not the bare
    // `（五）` of a merged group cell), starts the next row.
    if ((own && RANK[own.match] >= RANK.variant) || (numberingOf(it.key) !== '' && coreOf(it.key).length >= 2)) break;
    next.push(q);
  }
  const combos: number[][] = [];
  for (let a = 0; a < next.length; a++) {
    combos.push([next[a]]);
    for (let b = a + 1; b < next.length; b++) combos.push([next[a], next[b]]);
  }
  for (const combo of combos) {
    const members = [labels[p], ...combo.map((q) => labels[q])];
    const hit = index.match(labelKey(members.map((m) => items[m].text).join('')), context);
    if (hit && (!best || RANK[hit.match] > RANK[best.hit.match] || (RANK[hit.match] === RANK[best.hit.match] && members.length < best.members.length))) best = { hit, members };
  }
  return best;
}

/**
 * The values of a (possibly wrapped) label: after the first of its cells, or of the cells between
 * them (a row whose own label cell is a fragment of a neighbouring merged cell), that has any.
 */
function valuesOfLabel(items: Item[], members: number[], to: number): number[] {
  const last = members[members.length - 1];
  for (let m = members[0]; m <= last; m++) {
    if (items[m].value) continue;
    const vals = valuesAfter(items, m, to);
    if (vals.some((v) => items[v].text !== '')) return vals;
  }
  return valuesAfter(items, last, to);
}

type MatchContext<T> = { id: string; prefer: (t: T) => boolean };

const groupContexts = new Map<string | null, MatchContext<AppTarget>>();

/** The label-matching preference inside a group: its own numbered sub-rows first (made once per group). */
function groupContext(group: string | null): MatchContext<AppTarget> {
  let c = groupContexts.get(group);
  if (!c) {
    c = { id: group ?? '', prefer: (t) => t.kind === 'row' && t.group === group };
    groupContexts.set(group, c);
  }
  return c;
}

type AppTarget =
  | { kind: 'row'; path: string; group: string | null }
  | { kind: 'group'; path: string; group: string; collapsible: boolean }
  | { kind: 'outcome' };

const appIndexes = new Map<string, LabelIndex<AppTarget>>();

function appIndex(t: Template): LabelIndex<AppTarget> {
  let idx = appIndexes.get(t.version);
  if (!idx) {
    const labels: { label: Label; target: AppTarget }[] = [{ label: t.applications.outcomeHeader, target: { kind: 'outcome' } }];
    for (const r of t.applications.rows) {
      if (isGroup(r)) {
        labels.push({ label: r.label, target: { kind: 'group', path: `applications.${r.key}`, group: r.key, collapsible: false } });
        for (const s of r.rows) labels.push({ label: s.label, target: { kind: 'row', path: `applications.${r.key}.${s.key}`, group: r.key } });
      } else {
        labels.push({ label: r.label, target: { kind: 'row', path: `applications.${r.key}`, group: null } });
      }
    }
    idx = new LabelIndex(labels);
    appIndexes.set(t.version, idx);
  }
  return idx;
}

/** Keys of the header words that carry no column (corner note, 申请人情况, 法人或其他组织). */
function headerWords(t: Template): string[] {
  const a = t.applications;
  return [...a.headerLabels, a.corner].flatMap(wordings).map(labelKey);
}

/**
 * The columns the table prints, in data order, from its header cells (everything before the
 * first row label). A column whose label is absent is reported missing; an unknown header
 * (cut off or not printed) means all columns.
 */
/**
 * A header label is printed when its words are: whole, or (stacked headers of a PDF's text, which
 * come out interleaved line by line: 商业 … 科研 / 企业 … 机构) in two-character pieces.
 */
function printedIn(header: string, label: string): boolean {
  if (header.includes(label)) return true;
  if (label.length < 4) return false;
  for (let i = 0; i < label.length; i += 2) if (!header.includes(label.slice(i, i + 2))) return false;
  return true;
}

function applicationColumns(ctx: Ctx, from: number, firstRow: number, rowWidth: number): (ColumnDef | null)[] {
  const a = ctx.template.applications;
  let header = '';
  let line: number | null = null;
  for (let i = from; i < firstRow; i++) {
    const it = ctx.items[i];
    if (it.value || it.key.length > 40) continue;
    header += it.key;
    line ??= it.line;
  }
  // Remove the corner note and the group headers: 法人或其他组织 contains 其他.
  header = header.replace(/\([^()]*勾稽[^()]*\)/g, '');
  for (const w of headerWords(ctx.template)) header = header.split(w).join('');
  const present = a.columns.filter((c) => wordings(c.label).some((w) => printedIn(header, labelKey(w))));
  const extras = a.extraColumns.filter((l) => wordings(l).some((w) => printedIn(header, labelKey(w))));
  // No header, or one that says less than the rows show (most rows print every column): all columns.
  if (present.length === 0 || (present.length < a.columns.length && rowWidth >= a.columns.length + extras.length)) return a.columns;
  for (const c of a.columns) {
    if (present.includes(c)) continue;
    ctx.source.missingColumns.push({ table: 'applications', path: `applications.*.${c.key}`, label: c.label.official, line });
  }
  // Extra printed columns (a 法人或其他组织 小计) stand before 总计.
  const cols: (ColumnDef | null)[] = present.filter((c) => c.key !== 'total');
  for (const _ of extras) cols.push(null);
  if (present.some((c) => c.key === 'total')) cols.push(present.find((c) => c.key === 'total')!);
  return cols;
}

/** The most common number of filled value cells after a row label: how many columns the rows print. */
function typicalWidth(items: Item[], rows: number[][], _to: number): number {
  const counts = new Map<number, number>();
  for (const vals of rows) {
    const n = vals.filter((v) => items[v].text !== '').length;
    if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  let best = 0;
  let width = 0;
  for (const [n, c] of counts) if (c > best || (c === best && n > width)) [best, width] = [c, n];
  return width;
}

export function mapApplications(ctx: Ctx, from: number, to: number) {
  const index = appIndex(ctx.template);
  const a = ctx.template.applications;
  let group: string | null = null;
  let firstRow = -1;
  const hits: { i: number; members: number[]; hit: LabelHit<AppTarget>; vals: number[] }[] = [];
  const labels: number[] = [];
  for (let i = from; i < to; i++) if (!ctx.items[i].value && ctx.items[i].key.length <= 60) labels.push(i);
  for (let p = 0; p < labels.length; p++) {
    const context = groupContext(group);
    const found: { hit: LabelHit<AppTarget>; members: number[] } | null = wrappedLabel<AppTarget>(ctx.items, labels, p, index, context);
    if (!found) continue;
    const { hit, members } = found;
    // Cells joined into this label are not labels of their own.
    for (const m of members.slice(1)) labels.splice(labels.indexOf(m), 1);
    if (hit.target.kind === 'group') group = hit.target.group;
    else if (hit.target.kind === 'row' && hit.target.group === null) group = null;
    if (firstRow < 0 && hit.target.kind !== 'outcome') firstRow = members[0];
    hits.push({ i: members[0], members, hit, vals: valuesOfLabel(ctx.items, members, to) });
  }
  if (firstRow < 0) return;
  const columns = applicationColumns(ctx, from, firstRow, typicalWidth(ctx.items, hits.map((h) => h.vals), to));
  ctx.source.tables.applications = { found: true, line: ctx.items[firstRow].line };
  // Every cell of a found table starts as "row not printed"; columns not printed stay so.
  const printed = new Set(columns.filter((c): c is ColumnDef => c !== null).map((c) => c.key));
  for (const cell of cellsOf(ctx.template)) {
    if (cell.section !== 3) continue;
    ctx.source.cells.set(cell.path, UNPRINTED[printed.has(cell.column.key) ? 'no-row' : 'no-column']);
  }
  const modelColumns = columns.filter((c): c is ColumnDef => c !== null);
  const tail = typicalTail(ctx.items, hits.map((h) => h.vals), columns.length);
  const seen = new Set<string>();
  let last = firstRow;
  for (const { i, hit, vals } of hits) {
    const t = hit.target;
    const it = ctx.items[i];
    if (t.kind === 'outcome') continue;
    if (seen.has(t.path)) continue;
    seen.add(t.path);
    last = Math.max(last, (vals.length ? vals[vals.length - 1] : i) + 1);
    if (t.kind === 'group') {
      ctx.source.labels.push(labelOrigin('group', t.path, it, hit));
      // A group printed as one row of numbers (the 2019 style of （六）其他处理) has no sub-rows to fill.
      if (vals.some((v) => ctx.items[v].text !== '')) {
        ctx.source.document.messages.push({ severity: 'warning', code: 'group-as-row', message: `「${it.text}」只有一行数字，没有分项`, line: it.line, path: t.path });
      }
      continue;
    }
    ctx.source.labels.push(labelOrigin('row', t.path, it, hit));
    for (const c of modelColumns) ctx.source.cells.set(cellPath(t.path, c.key), { status: 'no-value', raw: null, line: it.line });
    assign(ctx, t.path, columns, fit(ctx, spanned(ctx, vals, columns.length), columns.length, t.path, tail));
  }
  for (const r of a.rows) {
    const rows = isGroup(r) ? r.rows.map((s) => ({ path: `applications.${r.key}.${s.key}`, label: s.label.official })) : [{ path: `applications.${r.key}`, label: r.label.official }];
    // A sub-row that is missing is pointed at its group's printed label, where there is one.
    const group = ctx.source.labels.find((l) => l.kind === 'group' && l.path === `applications.${r.key}`);
    for (const row of rows) if (!seen.has(row.path)) ctx.source.missingRows.push({ path: row.path, label: row.label, line: group?.line ?? null, ...(group?.page !== undefined ? { page: group.page } : {}) });
  }
  ctx.spans.push([from, last]);
}

/** Index of the first section 三 row label in [from, to), to find where the table starts without a heading. */
export function firstApplicationsLabel(items: Item[], template: Template, from: number, to: number): number {
  const index = appIndex(template);
  const corner = wordings(template.applications.corner).map(labelKey);
  const header = template.applications.headerLabels.flatMap(wordings).map(labelKey);
  for (let i = from; i < to; i++) {
    const it = items[i];
    if (it.value) continue;
    if (corner.includes(it.key) || header[0] === it.key || /勾稽关系/.test(it.key)) return i;
    const hit = index.match(it.key);
    if (hit && hit.target.kind === 'row' && hit.target.path === 'applications.received') return i;
  }
  return -1;
}

// ---------------------------------------------------------------- section 四

function reviewWords(t: Template): string[] {
  const r = t.reviews;
  const labels = [...r.groups.flatMap((g) => [g.label, ...(g.parent ? [g.parent] : [])]), ...r.columns.map((c) => c.label)];
  return labels.flatMap(wordings).map(labelKey);
}

/** Index of the first section 四 header cell (行政复议) in [from, to). */
export function firstReviewsLabel(items: Item[], template: Template, from: number, to: number): number {
  const first = labelKey(template.reviews.groups[0].label.official);
  for (let i = from; i < to; i++) if (!items[i].value && items[i].key === first) return i;
  return -1;
}

export function mapReviews(ctx: Ctx, from: number, to: number) {
  const words = reviewWords(ctx.template);
  const start = firstReviewsLabel(ctx.items, ctx.template, from, to);
  if (start < 0) return;
  // Header cells are short and made of the header words, possibly split or run together
  // (`结果` / `维持`, a PDF's `结果其他纠正结果`): every character is one of theirs.
  const chars = new Set(words.join(''));
  const isHeader = (it: Item) => !it.value && it.key.length <= 24 && [...it.key].every((ch) => chars.has(ch));
  let lastHeader = start;
  for (let i = start; i < to; i++) {
    const it = ctx.items[i];
    if (isHeader(it)) lastHeader = i;
    else if (!it.value) break;
  }
  const vals: number[] = [];
  // Empty cells left in the last header row (the `||||` of its merged cells) are no values.
  let first = lastHeader + 1;
  const header = ctx.items[lastHeader];
  while (first < to && header.tableRow && ctx.items[first].row === header.row && ctx.items[first].text === '') first++;
  for (let i = first; i < to && ctx.items[i].value; i++) vals.push(i);
  const groups = ctx.template.reviews.groups;
  const cols = ctx.template.reviews.columns;
  ctx.source.tables.reviews = { found: true, line: ctx.items[start].line };
  const n = groups.length * cols.length;
  const fitted = fit(ctx, vals, n, 'reviews');
  groups.forEach((g, gi) => assign(ctx, `reviews.${g.key}`, cols, fitted.slice(gi * cols.length, (gi + 1) * cols.length)));
  ctx.spans.push([start, (vals.length ? vals[vals.length - 1] : lastHeader) + 1]);
}

export function newContext(items: Item[], template: Template, source: SourceMap): Ctx {
  const report = blankReport(template.version);
  for (const cell of cellsOf(template)) source.cells.set(cell.path, UNPRINTED['no-table']);
  for (const t of template.active) source.tables[t.id] = { found: false, line: null };
  source.tables.applications = { found: false, line: null };
  source.tables.reviews = { found: false, line: null };
  return { items, template, report, source, spans: [] };
}

/** After section 二 is mapped: rows of found tables that were never printed. */
export function finishActive(ctx: Ctx) {
  for (const table of ctx.template.active) {
    if (!ctx.source.tables[table.id]?.found) continue;
    for (const r of table.rows) {
      const path = `active.${r.key}`;
      const first = ctx.source.cells.get(`${path}.${table.columns[0].key}`);
      if (first?.status !== 'no-table') continue;
      for (const c of table.columns) ctx.source.cells.set(`${path}.${c.key}`, UNPRINTED['no-row']);
      ctx.source.missingRows.push({ path, label: r.label.official, line: null });
    }
  }
}
