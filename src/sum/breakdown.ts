// The breakdown appendix of a government-wide report: one row per department (in input order) and
// a 合计 row, one column per key figure. The columns and their headers come from the template.
import { getCell } from '../model/paths.ts';
import type { Cell, Report } from '../model/report.ts';
import { isGroup, officialHeading, outcomeRowPaths, templateFor, type Template, type TemplateVersion } from '../template/index.ts';
import type { Appendix, Grid, GridCell } from '../model/grid.ts';
import { sumCells } from '../model/sums.ts';

/** The appendix's own words (not labels of the format). */
export const BREAKDOWN_WORDS = { unit: '单位', total: '合计', heading: '附件：各单位数据明细', caption: '各单位主要数据' } as const;

export interface BreakdownColumn {
  /** Header labels, outermost first: the section heading, then the row (and column) labels. */
  labels: string[];
  /** Model paths whose sum the column shows (a group of rows: the sum of their 总计). */
  paths: string[];
}

export interface Breakdown {
  columns: BreakdownColumn[];
  rows: { file: string; name: string; values: Cell[] }[];
  /** The 合计 row, taken from the summed report. */
  total: Cell[];
}

const cache = new Map<TemplateVersion, BreakdownColumn[]>();

/**
 * The key figures: section 二's count of each row (本年制发 / 本年新制作 for 规章 and 规范性文件,
 * the last column — 处理决定数量, 收费金额, 采购总金额 — of the other tables); section 三's 总计
 * column of 本年新收, 上年结转, each outcome group, （七）总计 and 结转下年度; section 四's three 总计.
 */
export function breakdownColumns(t: Template): BreakdownColumn[] {
  const hit = cache.get(t.version);
  if (hit) return hit;
  const heading = (no: number) => officialHeading(t.sections.find((x) => x.no === no)!);
  const cols: BreakdownColumn[] = [];
  for (const table of t.active) {
    const c = table === t.active[0] ? table.columns[0] : table.columns[table.columns.length - 1];
    for (const r of table.rows) cols.push({ labels: [heading(2), r.label.official, c.label.official], paths: [`active.${r.key}.${c.key}`] });
  }
  const apps = t.applications;
  const total = apps.columns.find((c) => c.key === 'total')!.key;
  const outcomes = new Set(outcomeRowPaths(apps));
  for (const r of apps.rows) {
    const rows = isGroup(r) ? r.rows.map((s) => `${r.key}.${s.key}`) : [r.key];
    const outcome = rows.some((p) => outcomes.has(p));
    cols.push({
      labels: [heading(3), ...(outcome ? [apps.outcomeHeader.official] : []), r.label.official],
      paths: rows.map((p) => `applications.${p}.${total}`),
    });
  }
  const reviewTotal = t.reviews.columns.find((c) => c.key === 'total')!.key;
  for (const g of t.reviews.groups) {
    cols.push({ labels: [heading(4), ...(g.parent ? [g.parent.official] : []), g.label.official], paths: [`reviews.${g.key}.${reviewTotal}`] });
  }
  cache.set(t.version, cols);
  return cols;
}

export const columnValue = (report: Report, col: BreakdownColumn): Cell => sumCells(col.paths.map((p) => getCell(report, p) ?? null));

export function breakdownOf(departments: { file: string; report: Report }[], sum: Report): Breakdown {
  const columns = breakdownColumns(templateFor(sum.template));
  return {
    columns,
    rows: departments.map((d) => ({ file: d.file, name: d.report.meta.agency ?? d.file, values: columns.map((c) => columnValue(d.report, c)) })),
    total: columns.map((c) => columnValue(sum, c)),
  };
}

/**
 * Header rows from each column's labels: equal neighbouring labels merge across, and a column's
 * last label reaches down to the last header row.
 */
function headerRows(columns: { labels: string[] }[]): GridCell[][] {
  const depth = Math.max(...columns.map((c) => c.labels.length));
  const rows: GridCell[][] = [];
  for (let level = 0; level < depth; level++) {
    const row: GridCell[] = [];
    for (let j = 0; j < columns.length; j++) {
      const labels = columns[j].labels;
      if (labels.length <= level) continue;
      const last = labels.length - 1 === level;
      let span = 1;
      while (j + span < columns.length) {
        const next = columns[j + span].labels;
        const same = next.length > level && (next.length - 1 === level) === last && labels.slice(0, level + 1).every((l, k) => next[k] === l);
        if (!same) break;
        span++;
      }
      row.push({ text: labels[level], header: 'col', ...(span > 1 ? { colspan: span } : {}), ...(last && depth - level > 1 ? { rowspan: depth - level } : {}) });
      j += span - 1;
    }
    rows.push(row);
  }
  return rows;
}

const text = (v: Cell) => (v === null ? '' : String(v));

export function breakdownAppendix(b: Breakdown, t: Template): Appendix {
  const total = t.applications.columns.find((c) => c.key === 'total')!.label.official;
  const grid: Grid = {
    section: null,
    id: 'breakdown',
    caption: BREAKDOWN_WORDS.caption,
    width: 1 + b.columns.length,
    rows: [
      ...headerRows([{ labels: [BREAKDOWN_WORDS.unit] }, ...b.columns]),
      ...b.rows.map((r) => [{ text: r.name, header: 'row' as const }, ...r.values.map((v) => ({ text: text(v) }))]),
      [{ text: BREAKDOWN_WORDS.total, header: 'row' as const }, ...b.total.map((v, i) => ({ text: text(v), ...(b.columns[i].paths.length === 1 ? { path: b.columns[i].paths[0] } : {}) }))],
    ],
  };
  return {
    heading: BREAKDOWN_WORDS.heading,
    text: `本表按单位列出汇总所用的 ${b.rows.length} 份报告的主要数据，末行为${BREAKDOWN_WORDS.total}；第三、第四部分各栏为该项「${total}」列的数字，空白表示该项无数据。`,
    grids: [grid],
  };
}
