// The charts as data: each figure is a table (its columns and rows: what the CSV download holds
// and what a screen reader is given) and the ECharts option drawn from that same table. Built
// from what the API sends — a report's model and the template's labels, a cell's series over the
// years, some cells of every report of a year — by pure functions (test/web-charts.test.ts).
import type { Report } from '../../src/model/report.ts';
import { getCell } from '../../src/model/paths.ts';
import { isGroup } from '../../src/template/identities.ts';
import type { Template } from '../../src/template/types.ts';
import { sumCells } from '../../src/util/exact.ts';

export type Value = string | number | null;
export interface Figure {
  id: string;
  title: string;
  /** What the figure shows and from what, for the reader. */
  note: string;
  columns: string[];
  rows: Value[][];
  /** An ECharts option (echarts/core's setOption), built from `rows`. */
  option: Record<string, unknown>;
  height: number;
}

const TOOLTIP = { trigger: 'axis', axisPointer: { type: 'shadow' } };
const bare = (s: string) => s.replace(/^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+\.)/, '');

/** Section 三 as pictures: 本年新收 by applicant, and each outcome (a group as the sum of its rows) by applicant, stacked. */
export function applicationFigures(t: Template, r: Report, who: string): Figure[] {
  const cols = t.applications.columns.filter((c) => c.key !== 'total');
  const names = cols.map((c) => c.label.official);
  const received = cols.map((c) => getCell(r, `applications.received.${c.key}`) ?? null);
  const skip = new Set(['received', 'carriedOver', 'total', 'carriedForward']);
  const outcomes = t.applications.rows
    .filter((row) => !skip.has(row.key))
    .map((row) => {
      const paths = isGroup(row) ? row.rows.map((s) => `applications.${row.key}.${s.key}`) : [`applications.${row.key}`];
      return [bare(row.label.official), ...cols.map((c) => sumCells(paths.map((p) => getCell(r, `${p}.${c.key}`) ?? null)))] as Value[];
    });
  return [
    {
      id: 'received',
      title: `本年新收申请（按申请人）：${who}`,
      note: '第三部分「本年新收政府信息公开申请数量」一行，各申请人类型一栏。空白为报告中未填。',
      columns: ['申请人', '本年新收'],
      rows: names.map((n, i) => [n, received[i]]),
      option: { tooltip: TOOLTIP, grid: { left: 8, right: 16, bottom: 8, top: 24, containLabel: true }, xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 20 } }, yAxis: { type: 'value', name: '件' }, series: [{ type: 'bar', name: '本年新收', data: received, label: { show: true, position: 'top' } }] },
      height: 300,
    },
    {
      id: 'outcomes',
      title: `办理结果（按申请人）：${who}`,
      note: '第三部分「本年度办理结果」各项（不予公开等各含其分项之和），按申请人类型堆叠。',
      columns: ['办理结果', ...names],
      rows: outcomes,
      option: {
        tooltip: TOOLTIP,
        legend: { top: 0 },
        grid: { left: 8, right: 24, bottom: 8, top: 48, containLabel: true },
        xAxis: { type: 'value', name: '件' },
        yAxis: { type: 'category', inverse: true, data: outcomes.map((o) => o[0]) },
        series: names.map((n, i) => ({ type: 'bar', name: n, stack: 'all', data: outcomes.map((o) => o[i + 1]) })),
      },
      height: 360,
    },
  ];
}

/** A cell's series over the years (GET /series), with the years where 上年结转 does not meet last year's 结转下年度 marked. */
export interface Series {
  label: string;
  points: { year: number | null; value: number | null }[];
  breaks: { year: number | null; message: string }[];
}

export function trendFigure(series: Series[], who: string): Figure {
  const years = [...new Set(series.flatMap((s) => s.points.map((p) => p.year)).filter((y): y is number => y !== null))].sort((a, b) => a - b);
  const at = (s: Series, y: number) => s.points.find((p) => p.year === y)?.value ?? null;
  const breaks = [...new Map(series.flatMap((s) => s.breaks).filter((b) => b.year !== null).map((b) => [b.year, b])).values()];
  return {
    id: 'trend',
    title: `逐年变化：${who}`,
    note: `各年度报告的数字；${breaks.length ? `红点标出上年结转与上一年度结转下年度不一致的年度（${breaks.map((b) => b.year).join('、')}）。` : '相邻年度的结转都衔接。'}`,
    columns: ['年度', ...series.map((s) => s.label)],
    rows: years.map((y) => [y, ...series.map((s) => at(s, y))]),
    option: {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 24, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: { type: 'value', name: '件' },
      series: series.map((s, i) => ({
        type: 'line',
        name: s.label,
        connectNulls: false,
        data: years.map((y) => at(s, y)),
        ...(i === 0 && breaks.length ? { markPoint: { symbol: 'pin', itemStyle: { color: '#cf1322' }, data: breaks.map((b) => ({ name: '结转不衔接', coord: [String(b.year), at(s, b.year!) ?? 0], value: '结转' })) } } : {}),
      })),
    },
    height: 320,
  };
}

/** Some cells of every report of a year (GET /cells). */
export interface CellItem {
  id: number;
  agency: string | null;
  status: string;
  errors: number;
  warnings: number;
  values: (number | null)[];
}

const TOP = 20;
const ranked = (id: string, title: string, unit: string, rows: { name: string; value: number }[], extra: Partial<Figure> = {}): Figure => {
  const top = [...rows].sort((a, b) => b.value - a.value || a.name.localeCompare(b.name, 'zh')).slice(0, TOP);
  return {
    id,
    title,
    note: `前 ${Math.min(TOP, rows.length)} 名（共 ${rows.length} 个机关）；下载的 CSV 含全部。`,
    columns: ['机关', unit],
    rows: [...rows].sort((a, b) => b.value - a.value).map((r) => [r.name, r.value]),
    option: {
      tooltip: TOOLTIP,
      grid: { left: 8, right: 40, bottom: 8, top: 8, containLabel: true },
      xAxis: { type: 'value', name: unit },
      yAxis: { type: 'category', inverse: true, data: top.map((r) => r.name), axisLabel: { width: 180, overflow: 'truncate' } },
      series: [{ type: 'bar', name: unit, data: top.map((r) => r.value), label: { show: true, position: 'right' } }],
    },
    height: Math.max(160, top.length * 24 + 40),
    ...extra,
  };
};
const nameOf = (i: CellItem) => i.agency ?? `报告 #${i.id}`;

/** Agencies by 本年新收 (the first path asked of /cells must be applications.received.total). */
export function applicationsRanking(items: CellItem[], year: number): Figure {
  return ranked('by-applications', `${year} 年度各机关收到申请数`, '本年新收（件）', items.flatMap((i) => (i.values[0] === null ? [] : [{ name: nameOf(i), value: i.values[0] }])));
}

/**
 * Agencies by the share of 复议 and 诉讼 that ended 纠正: the corrected of the three groups over
 * their totals (`corrected` and `total` paths, in that order, after the first).
 */
export function correctionRanking(items: CellItem[], year: number, groups: number): Figure {
  const rows = items.flatMap((i) => {
    const corrected = i.values.slice(1, 1 + groups);
    const totals = i.values.slice(1 + groups, 1 + 2 * groups);
    const c = sumCells(corrected);
    const t = sumCells(totals);
    return c === null || t === null || t === 0 ? [] : [{ name: nameOf(i), value: Math.round((c / t) * 1000) / 10, c, t }];
  });
  const fig = ranked('by-correction', `${year} 年度复议、诉讼被纠正率`, '纠正率（%）', rows);
  const byName = new Map(rows.map((r) => [r.name, r]));
  return { ...fig, columns: ['机关', '纠正率（%）', '结果纠正（件）', '复议诉讼总计（件）'], rows: fig.rows.map(([n, v]) => [n, v, byName.get(String(n))!.c, byName.get(String(n))!.t]), note: `${fig.note}只计复议、诉讼总计大于 0 的机关。` };
}

/** Agencies by the findings of their reports: errors, then warnings, stacked. */
export function findingsRanking(items: CellItem[], year: number): Figure {
  const rows = items.map((i) => ({ name: nameOf(i), value: i.errors, warnings: i.warnings }));
  const fig = ranked('by-findings', `${year} 年度各机关报告的检查问题`, '错误（个）', rows);
  const top = [...rows].sort((a, b) => b.value - a.value || b.warnings - a.warnings).slice(0, TOP);
  return {
    ...fig,
    columns: ['机关', '错误（个）', '警告（个）'],
    rows: [...rows].sort((a, b) => b.value - a.value || b.warnings - a.warnings).map((r) => [r.name, r.value, r.warnings]),
    option: {
      ...fig.option,
      legend: { top: 0 },
      grid: { left: 8, right: 40, bottom: 8, top: 32, containLabel: true },
      yAxis: { type: 'category', inverse: true, data: top.map((r) => r.name), axisLabel: { width: 180, overflow: 'truncate' } },
      series: [
        { type: 'bar', name: '错误', stack: 'f', data: top.map((r) => r.value), itemStyle: { color: '#cf1322' } },
        { type: 'bar', name: '警告', stack: 'f', data: top.map((r) => r.warnings), itemStyle: { color: '#faad14' } },
      ],
    },
  };
}

/** An agency of the tree (GET /agencies). */
export interface TreeAgency {
  id: number;
  parentId: number | null;
  name: string;
}

/** The agencies as a tree, each coloured by the status of its report of the year (grey: none stored). */
export function statusTree(agencies: TreeAgency[], reports: { agencyId: number | null; status: string }[], statuses: Record<string, string>, year: number): Figure {
  const COLOR: Record<string, string> = { none: '#d9d9d9', draft: '#8c8c8c', submitted: '#1677ff', returned: '#cf1322', approved: '#52c41a', published: '#722ed1' };
  const status = new Map(reports.filter((r) => r.agencyId !== null).map((r) => [r.agencyId!, r.status]));
  const children = new Map<number | null, TreeAgency[]>();
  const ids = new Set(agencies.map((a) => a.id));
  for (const a of agencies) {
    const parent = a.parentId !== null && ids.has(a.parentId) ? a.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), a]);
  }
  type Node = { name: string; value: number; itemStyle: { color: string }; children?: Node[] };
  const node = (a: TreeAgency): Node => {
    const s = status.get(a.id) ?? 'none';
    const kids = (children.get(a.id) ?? []).map(node);
    return { name: `${a.name}（${statuses[s] ?? '未报送'}）`, value: kids.length ? kids.reduce((n, k) => n + k.value, 0) + 1 : 1, itemStyle: { color: COLOR[s] ?? COLOR.none }, ...(kids.length ? { children: kids } : {}) };
  };
  const roots = (children.get(null) ?? []).map(node);
  return {
    id: 'tree',
    title: `${year} 年度各机关报告状态`,
    note: '每块是一个机关，颜色为其本年度报告的状态；灰色为尚无报告。',
    columns: ['机关', '上级机关', '状态'],
    rows: agencies.map((a) => [a.name, agencies.find((p) => p.id === a.parentId)?.name ?? null, statuses[status.get(a.id) ?? ''] ?? '未报送']),
    option: {
      tooltip: { formatter: '{b}' },
      series: [{ type: 'treemap', roam: false, nodeClick: false, breadcrumb: { show: false }, leafDepth: 3, label: { show: true, formatter: '{b}' }, upperLabel: { show: true, height: 22, color: '#fff' }, data: roots, levels: [{ itemStyle: { borderColor: '#fff', borderWidth: 3, gapWidth: 3 } }, { itemStyle: { borderColor: '#fff', borderWidth: 2, gapWidth: 2 } }] }],
    },
    height: 420,
  };
}
