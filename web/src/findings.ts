// Which cells a finding is about. A finding's path names a cell (`applications.total.naturalPerson`),
// a row or a group of rows (`applications.denied.stateSecret`, `active.licensing`), or a column
// of a table with `*` for any row (`applications.*.total`, the missing 总计 column).
import type { Diagnostic } from '../../src/model/report.ts';
import type { Grid } from '../../src/model/grid.ts';

/** The value cells' paths of the template's tables, in printed order. */
export const layoutPaths = (grids: Grid[]): string[] => grids.flatMap((g) => g.rows.flat().flatMap((c) => (c.path ? [c.path] : [])));

export function covers(findingPath: string, cellPath: string): boolean {
  const f = findingPath.split('.');
  const c = cellPath.split('.');
  if (f.length > c.length) return false;
  if (f.includes('*')) {
    // A column: the table, any rows between, the column key last.
    return f[0] === c[0] && f[f.length - 1] === c[c.length - 1] && f.length <= c.length;
  }
  return f.every((part, i) => part === c[i]);
}

const RANK = { error: 3, warning: 2, info: 1 } as const;

/** Each cell's findings, worst first, for the cells of `paths`. */
export function findingsByCell(findings: Diagnostic[], paths: string[]): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const f of findings) {
    for (const p of paths) {
      if (!covers(f.path, p)) continue;
      const list = out.get(p) ?? [];
      list.push(f);
      out.set(p, list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => RANK[b.severity] - RANK[a.severity]);
  return out;
}

/** The findings of `after` not in `before`, and those of `before` gone from `after` (what an edit changed). */
export function findingsDiff(before: Diagnostic[], after: Diagnostic[]): { appeared: Diagnostic[]; cleared: Diagnostic[] } {
  const key = (d: Diagnostic) => `${d.rule}\u0000${d.path}\u0000${d.message}`;
  const was = new Set(before.map(key));
  const now = new Set(after.map(key));
  return { appeared: after.filter((d) => !was.has(key(d))), cleared: before.filter((d) => !now.has(key(d))) };
}
