// How findings name a place in the report: by the official labels a person sees on the page.
import type { CellStatus } from '../map/source.ts';
import { cellsOf, type CellDef, type Template } from '../template/index.ts';
import type { Finding, RuleContext } from './rule.ts';

const byPath = new Map<string, Map<string, CellDef>>();

export function cellDef(t: Template, path: string): CellDef | undefined {
  let m = byPath.get(t.version);
  if (!m) {
    m = new Map(cellsOf(t).map((c) => [c.path, c]));
    byPath.set(t.version, m);
  }
  return m.get(path);
}

const SECTION = { 2: '二', 3: '三', 4: '四' } as const;

/** `表三「（七）总计」行「自然人」列`. */
export function describeCell(t: Template, path: string): string {
  const c = cellDef(t, path);
  if (!c) return path;
  const row = c.rowLabels.filter((l) => l !== t.applications.outcomeHeader.official).slice(-2).join('·');
  return `第${SECTION[c.section]}部分${row ? `「${row}」行` : ''}「${c.colLabels.join('·')}」列`;
}

/** A row's official label from its model path (`applications.denied.stateSecret` → `（三）不予公开·1.属于国家秘密`). */
export function describeRow(t: Template, rowPath: string): string {
  const c = cellsOf(t).find((x) => x.path.startsWith(`${rowPath}.`));
  if (!c) return rowPath;
  // Section 四 has no row labels: its groups are column headers (行政诉讼·复议后起诉).
  if (!c.rowLabels.length) return c.colLabels.slice(0, -1).join('·');
  return c.rowLabels.filter((l) => l !== t.applications.outcomeHeader.official).join('·');
}

const census = new WeakMap<RuleContext, Set<CellStatus>>();

/**
 * The statuses the reader gave any cell of this check's report (a context is one check of one
 * report): one pass over the cells for the four rules that look for a status (bad-number,
 * unit-converted, unit-unstated, blank-cell), which most reports have none of.
 */
export function statusesOf(ctx: RuleContext): Set<CellStatus> {
  let s = census.get(ctx);
  if (!s) {
    s = new Set();
    // 'ok' (nearly every cell) is looked for by none of them: compared, not added.
    for (const o of ctx.source.cells.values()) if (o.status !== 'ok') s.add(o.status);
    census.set(ctx, s);
  }
  return s;
}

/** One finding per cell the reader read with `status`, worded by `message(where, printed)`. */
export function findingsForStatus(ctx: RuleContext, status: CellStatus, message: (where: string, printed: string | null) => string): Finding[] {
  const out: Finding[] = [];
  if (status !== 'ok' && !statusesOf(ctx).has(status)) return out;
  for (const [path, o] of ctx.source.cells) if (o.status === status) out.push({ path, message: message(describeCell(ctx.template, path), o.raw) });
  return out;
}
