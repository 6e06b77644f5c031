// Section 三 (依申请公开): the columns from the printed header, the rows by their (possibly wrapped)
// labels within their group, each row's values fitted to the printed columns.
import { cellsOf, isGroup, wordings, type ColumnDef, type Label, type Template } from '../template/index.ts';
import type { Item } from './items.ts';
import { LabelIndex, type LabelHit } from './labels.ts';
import { coreOf, labelKey, numberingOf } from './normalize.ts';
import { UNPRINTED, labelOrigin, valuesAfter, fit, typicalTail, spanned, assign, type Ctx } from './tables.ts';

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

/** What a template's table 三 needs for every report, made once per template (a per-report cost otherwise). */
interface AppKeys {
  /** Keys of the header words that carry no column (corner note, 申请人情况, 法人或其他组织). */
  headerWords: string[];
  /** Keys of the corner note's wordings, and of the header labels. */
  corner: string[];
  header: string[];
  /** The keys of each column's and extra column's wordings. */
  columnKeys: Map<ColumnDef | Label, string[]>;
  /** The section 三 cells of the template. */
  cells: { path: string; column: string }[];
  /** The rows of the table, by top-level row: their paths and official labels, and the top-level path. */
  rows: { path: string; rows: { path: string; label: string }[] }[];
}

const appKeysOf = new Map<string, AppKeys>();

function appKeys(t: Template): AppKeys {
  let k = appKeysOf.get(t.version);
  if (!k) {
    const a = t.applications;
    const columnKeys = new Map<ColumnDef | Label, string[]>();
    for (const c of a.columns) columnKeys.set(c, wordings(c.label).map(labelKey));
    for (const l of a.extraColumns) columnKeys.set(l, wordings(l).map(labelKey));
    k = {
      headerWords: [...a.headerLabels, a.corner].flatMap(wordings).map(labelKey),
      corner: wordings(a.corner).map(labelKey),
      header: a.headerLabels.flatMap(wordings).map(labelKey),
      columnKeys,
      cells: cellsOf(t)
        .filter((c) => c.section === 3)
        .map((c) => ({ path: c.path, column: c.column.key })),
      rows: a.rows.map((r) => ({
        path: `applications.${r.key}`,
        rows: isGroup(r) ? r.rows.map((s) => ({ path: `applications.${r.key}.${s.key}`, label: s.label.official })) : [{ path: `applications.${r.key}`, label: r.label.official }],
      })),
    };
    appKeysOf.set(t.version, k);
  }
  return k;
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
  const keys = appKeys(ctx.template);
  for (const w of keys.headerWords) header = header.split(w).join('');
  const present = a.columns.filter((c) => keys.columnKeys.get(c)!.some((w) => printedIn(header, w)));
  const extras = a.extraColumns.filter((l) => keys.columnKeys.get(l)!.some((w) => printedIn(header, w)));
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
  const keys = appKeys(ctx.template);
  for (const cell of keys.cells) ctx.source.cells.set(cell.path, printed.has(cell.column) ? UNPRINTED['no-row'] : UNPRINTED['no-column']);
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
    // assign sets every kept cell of the row (fit gives one entry for each column), so no cell is marked before it.
    assign(ctx, t.path, columns, fit(ctx, spanned(ctx, vals, columns.length), columns.length, t.path, tail));
  }
  for (const { path, rows } of keys.rows) {
    if (rows.every((row) => seen.has(row.path))) continue;
    // A sub-row that is missing is pointed at its group's printed label, where there is one.
    const group = ctx.source.labels.find((l) => l.kind === 'group' && l.path === path);
    for (const row of rows) if (!seen.has(row.path)) ctx.source.missingRows.push({ path: row.path, label: row.label, line: group?.line ?? null, ...(group?.page !== undefined ? { page: group.page } : {}) });
  }
  ctx.spans.push([from, last]);
}

/** Index of the first section 三 row label in [from, to), to find where the table starts without a heading. */
export function firstApplicationsLabel(items: Item[], template: Template, from: number, to: number): number {
  const index = appIndex(template);
  const { corner, header } = appKeys(template);
  for (let i = from; i < to; i++) {
    const it = items[i];
    if (it.value) continue;
    if (corner.includes(it.key) || header[0] === it.key || /勾稽关系/.test(it.key)) return i;
    const hit = index.match(it.key);
    if (hit && hit.target.kind === 'row' && hit.target.path === 'applications.received') return i;
  }
  return -1;
}
