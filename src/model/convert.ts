// A report in the other template version, where the mapping is exact, and nothing guessed.
//
// 2019 → 2021
//   三 and 四: the same rows and columns, but for 2019's single （六）其他处理 row, which cannot be
//   split into 2021's three sub-rows (逾期不补正 · 逾期未缴费 · 其他): those 21 cells stay null.
//   （七）总计 is the same number in both (it sums every outcome), so it maps.
//   二: only cells whose meaning is identical: 行政许可 / 行政处罚 / 行政强制 处理决定数量. 规章 and
//   规范性文件's 本年新制作 / 本年新公开 / 对外公开总数 are not 本年制发 / 本年废止 / 现行有效; 2019's
//   行政事业性收费 counts fee items (上一年项目数量 · 本年增/减), 2021's is an amount in 万元: null.
//   2019's 其他对外管理服务事项 and 政府集中采购 have no place in 2021: dropped (and said so).
//
// 2021 → 2019 (a report on 2019 or 2020 summed from departments that printed the 2021 tables)
//   三 and 四 the same way; 2019's （六）其他处理 is the sum of 2021's three sub-rows (the three
//   are a split of the same applications), so it maps exactly. 二: the three 处理决定数量.
import { blankReport } from './blank.ts';
import { getCell, setCell } from './paths.ts';
import type { Report } from './report.ts';
import { cellsOf, templateFor, type TemplateVersion } from '../template/index.ts';
import { sumCells } from '../util/exact.ts';

/** Section 二 cells that mean the same in both versions (the same path in both models). */
export const SAME_ACTIVE_CELLS = ['active.licensing.decisions', 'active.punishment.decisions', 'active.coercion.decisions'];

export interface Conversion {
  /** The report in the target version (the input itself when it already is in it). */
  report: Report;
  from: TemplateVersion;
  to: TemplateVersion;
  /** Cells of the target version that have no exact counterpart in the input: null. */
  unmapped: string[];
  /** Cells of the input that have no place in the target version. */
  dropped: string[];
}

/** For each target cell, the source cells whose sum it is (one cell: the same value). */
function mappingOf(from: TemplateVersion, to: TemplateVersion): Map<string, string[]> {
  const source = new Set(cellsOf(templateFor(from)).map((c) => c.path));
  const map = new Map<string, string[]>();
  for (const c of cellsOf(templateFor(to))) {
    if (c.section === 2) {
      if (SAME_ACTIVE_CELLS.includes(c.path) && source.has(c.path)) map.set(c.path, [c.path]);
      continue;
    }
    // Sections 三 and 四 share their keys across versions (the format is the same table).
    if (source.has(c.path)) {
      map.set(c.path, [c.path]);
      continue;
    }
    // 2021 → 2019: （六）其他处理 = the sum of its three 2021 sub-rows.
    const m = /^applications\.otherHandling\.(\w+)$/.exec(c.path);
    if (m) {
      const parts = templateFor(from).applications.rows.find((r) => r.key === 'otherHandling');
      if (parts && 'rows' in parts) map.set(c.path, parts.rows.map((s) => `applications.otherHandling.${s.key}.${m[1]}`));
    }
  }
  return map;
}

const mappings = new Map<string, { map: Map<string, string[]>; unmapped: string[]; dropped: string[] }>();

/**
 * What converting any report of version `from` into `to` leaves out, whatever its values: the
 * target cells with no exact counterpart (null) and the input's cells with no place (dropped).
 * The same for every report of a version, so a store can say it without reading the reports.
 */
export function conversionOf(from: TemplateVersion, to: TemplateVersion): { map: Map<string, string[]>; unmapped: string[]; dropped: string[] } {
  const key = `${from}>${to}`;
  const hit = mappings.get(key);
  if (hit) return hit;
  const map = from === to ? new Map(cellsOf(templateFor(to)).map((c) => [c.path, [c.path]])) : mappingOf(from, to);
  const unmapped = cellsOf(templateFor(to)).map((c) => c.path).filter((p) => !map.has(p));
  const used = new Set([...map.values()].flat());
  const dropped = cellsOf(templateFor(from)).map((c) => c.path).filter((p) => !used.has(p));
  const out = { map, unmapped, dropped };
  mappings.set(key, out);
  return out;
}

export function convertReport(report: Report, to: TemplateVersion): Conversion {
  const from = report.template;
  if (from === to) return { report, from, to, unmapped: [], dropped: [] };
  const { map, unmapped, dropped } = conversionOf(from, to);
  const out = blankReport(to);
  out.meta = { ...report.meta };
  out.sections = report.sections.map((s) => ({ ...s }));
  for (const [path, parts] of map) setCell(out, path, sumCells(parts.map((p) => getCell(report, p) ?? null)));
  return { report: out, from, to, unmapped, dropped };
}
