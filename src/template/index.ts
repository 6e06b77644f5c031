// The national template, described once. Readers, checks and writers derive from these values.
import { applicationRowPaths, isGroup, outcomeRowPaths } from './identities.ts';
import type { ColumnDef, Label, SectionDef, Template, TemplateVersion } from './types.ts';
import { TEMPLATE_2019 } from './v2019.ts';
import { TEMPLATE_2021 } from './v2021.ts';

export type * from './types.ts';
export { applicationRowPaths, isGroup, outcomeRowPaths };
export { SECTIONS } from './common.ts';

export const TEMPLATES: Record<TemplateVersion, Template> = { '2021': TEMPLATE_2021, '2019': TEMPLATE_2019 };

export const templateFor = (v: TemplateVersion): Template => TEMPLATES[v];

export { versionForYear } from './version.ts';

/** One numeric cell of the model, with the labels that locate it in the printed table. */
export interface CellDef {
  /** Model path, e.g. `applications.denied.stateSecret.total`. */
  path: string;
  section: 2 | 3 | 4;
  /** `item1`…`item9`, `applications` or `reviews`. */
  table: string;
  /** Printed labels, outermost first (e.g. [（三）不予公开, 1.属于国家秘密]). */
  rowLabels: string[];
  colLabels: string[];
  column: ColumnDef;
}

const cellCache = new Map<TemplateVersion, CellDef[]>();

/** Every numeric cell of a template, in printed order (section 二, 三, 四; row by row). */
export function cellsOf(t: Template): CellDef[] {
  const hit = cellCache.get(t.version);
  if (hit) return hit;
  const cells: CellDef[] = [];
  for (const table of t.active) {
    for (const r of table.rows) {
      for (const c of table.columns) {
        cells.push({ path: `active.${r.key}.${c.key}`, section: 2, table: table.id, rowLabels: [table.heading.official, r.label.official], colLabels: [c.label.official], column: c });
      }
    }
  }
  const apps = t.applications;
  for (const r of apps.rows) {
    const rows = isGroup(r) ? r.rows.map((s) => ({ path: `${r.key}.${s.key}`, labels: [r.label.official, s.label.official] })) : [{ path: r.key, labels: [r.label.official] }];
    for (const { path, labels } of rows) {
      const outcome = outcomeRowPaths(apps).includes(path) ? [apps.outcomeHeader.official] : [];
      for (const c of apps.columns) {
        cells.push({ path: `applications.${path}.${c.key}`, section: 3, table: 'applications', rowLabels: [...outcome, ...labels], colLabels: c.group ? [c.group.official, c.label.official] : [c.label.official], column: c });
      }
    }
  }
  for (const g of t.reviews.groups) {
    for (const c of t.reviews.columns) {
      cells.push({ path: `reviews.${g.key}.${c.key}`, section: 4, table: 'reviews', rowLabels: [], colLabels: [...(g.parent ? [g.parent.official] : []), g.label.official, c.label.official], column: c });
    }
  }
  cellCache.set(t.version, cells);
  return cells;
}

/** A section's heading as the format prints it: `三、收到和处理政府信息公开申请情况`. */
export const officialHeading = (s: SectionDef): string => `${s.numeral}、${s.title.official}`;

/** The title the format gives a report: `2024年某某局政府信息公开工作年度报告`. */
export function officialTitle(agency: string | null, year: number | null): string {
  return `${year !== null ? `${year}年` : ''}${agency ?? ''}政府信息公开工作年度报告`;
}

/** All wordings of a label: the official one first. */
export const wordings = (l: Label): string[] => [l.official, ...(l.variants ?? []).map((v) => v.text)];

