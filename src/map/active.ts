// Section 二 (主动公开): its tables, found by their 第二十条 headings, and each row by its label.
import type { ColumnDef, Label, Template } from '../template/index.ts';
import { LabelIndex } from './labels.ts';
import { UNPRINTED, labelOrigin, valuesAfter, fit, assign, type Ctx } from './tables.ts';

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
    // assign sets every cell of the row: fit gives one entry (a value or null) for each column.
    assign(ctx, t.path, t.columns, fit(ctx, vals, t.columns.length, t.path));
    spanEnd = Math.max(spanEnd, (vals.length ? vals[vals.length - 1] : i) + 1);
  }
  if (spanStart >= 0) ctx.spans.push([spanStart, spanEnd]);
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
