// An agencies CSV (as an office keeps its list in Excel) → rows for importAgencies. Columns by
// their header, in any order: 名称 (the agency's full name, required), 上级 (its parent's full
// name; empty: a root), 类型 (政府 / 办公室 / 部门), 区划代码 (6 digits). Excel in China saves
// CSV in GBK: bytes that are not UTF-8 are read as GB18030. Parsing by csv-parse (quotes, line
// breaks inside quotes, BOM).
import { parse } from 'csv-parse/sync';
import type { AgencyRow } from '../db/agencies.ts';

const COLUMNS = {
  name: ['名称', '机关', '机关名称', 'name'],
  parent: ['上级', '上级机关', 'parent'],
  kind: ['类型', 'kind'],
  regionCode: ['区划代码', '行政区划代码', 'region', 'regionCode'],
} as const;

const KINDS: Record<string, string> = { 政府: 'government', 人民政府: 'government', government: 'government', 办公室: 'office', 办公厅: 'office', office: 'office', 部门: 'department', department: 'department', '': 'department' };

export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** The rows, or the first reason the file cannot be taken (one Chinese sentence naming the line). */
export function agencyRows(bytes: Uint8Array): { rows: AgencyRow[] } | { error: string } {
  let records: string[][];
  try {
    records = parse(decodeCsv(bytes), { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return { error: `CSV 格式有误${line ? `（第 ${line} 行附近）` : ''}：引号未闭合或字段不完整` };
  }
  if (!records.length) return { error: 'CSV 是空的' };
  const head = records[0];
  const at = (names: readonly string[]) => head.findIndex((h) => names.includes(h));
  const col = { name: at(COLUMNS.name), parent: at(COLUMNS.parent), kind: at(COLUMNS.kind), regionCode: at(COLUMNS.regionCode) };
  if (col.name < 0) return { error: `CSV 的第一行须是表头，且有「名称」列（现为：${head.join('、') || '空'}）` };
  const rows: AgencyRow[] = [];
  for (let i = 1; i < records.length; i++) {
    const r = records[i];
    const line = i + 1;
    const cell = (c: number) => (c < 0 ? '' : (r[c] ?? '').trim());
    const name = cell(col.name);
    if (!name) return { error: `第 ${line} 行没有机关名称` };
    if (name.length > 200) return { error: `第 ${line} 行的机关名称超过 200 个字符` };
    const kind = KINDS[cell(col.kind)];
    if (!kind) return { error: `第 ${line} 行的类型「${cell(col.kind)}」不是 政府、办公室 或 部门` };
    const region = cell(col.regionCode);
    if (region && !/^\d{6}$/.test(region)) return { error: `第 ${line} 行的区划代码「${region}」不是 6 位数字` };
    rows.push({ line, name, parent: cell(col.parent) || null, kind, regionCode: region || null });
  }
  if (!rows.length) return { error: 'CSV 只有表头，没有机关' };
  return { rows };
}
