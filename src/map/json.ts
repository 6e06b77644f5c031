// A report model saved as JSON (`"model": "xxgk.report/1"`, as `xxgk parse` prints it and `xxgk new`
// writes it): validated against the model's schema and taken as it is, with a source map that says
// every value was read as printed and nothing has a line. No mapping: the model is the report.
import type { SourceMap } from './source.ts';
import { itemsOf } from './items.ts';
import { findSubheadings, splitHeading } from './sections.ts';
import { getCell } from '../model/paths.ts';
import { MODEL_ID, type Report } from '../model/report.ts';
import { reportSchema } from '../model/schema.ts';
import { cellsOf, officialHeading, templateFor } from '../template/index.ts';
import { readTextDocument } from '../read/text/index.ts';

/** What a key holds, after 实为: ` "2020"`, or 缺失. */
const shown = (v: unknown): string => (v === undefined ? '缺失' : ` ${JSON.stringify(v)}`);

/** JSON types in Chinese, by the names zod gives them. */
const EXPECTED: Record<string, string> = { number: '数字', string: '字符串', object: '对象', array: '数组', null: 'null', boolean: '布尔值', undefined: '缺失' };

/** What a value is, in the same words. */
const typeName = (v: unknown): string => EXPECTED[v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v] ?? '对象';

/** A path as the model's documentation writes it: `applications.denied.stateSecret.total`, `sections[2].text`. */
const pathText = (path: PropertyKey[]): string =>
  path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('') || '（根）';

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let node = root;
  for (const k of path) node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[k] : undefined;
  return node;
}

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  keys?: string[];
  values?: unknown[];
  options?: unknown[];
}

/** The first thing wrong with a JSON value that should be a report model, in one line, naming the key. */
function describeIssue(issue: Issue, root: unknown): string {
  const at = pathText(issue.path);
  const got = valueAt(root, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${at} 中有模型没有的键 ${issue.keys!.map((k) => `「${k}」`).join('、')}`;
    case 'invalid_type':
      return got === undefined ? `缺少键 ${at}` : `键 ${at} 应为${EXPECTED[issue.expected ?? ''] ?? issue.expected}${issue.expected === 'number' ? '或 null' : ''}，实为${typeName(got)}`;
    case 'invalid_union':
      if (issue.options) return `键 ${at} 应为 ${issue.options.map((o) => `"${String(o)}"`).join(' 或 ')}，实为${shown(got)}`;
      return `键 ${at} 的值不符合报告模型`;
    case 'invalid_value':
      return `键 ${at} 应为 ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(' 或 ')}，实为${shown(got)}`;
    case 'invalid_format':
      return `键 ${at} 的格式不对（${JSON.stringify(got)}）${issue.path.at(-1) === 'code' ? '，行政区划代码应为 6 位数字' : ''}`;
    case 'too_small':
    case 'too_big':
      return `键 ${at} 的值 ${JSON.stringify(got)} 超出范围`;
    default:
      return `键 ${at}：${issue.message}`;
  }
}

/** Parses and validates a report model; one line saying what is wrong otherwise. */
export function readModelJson(text: string): { report: Report } | { error: string; syntax?: true } {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    return { error: `不是有效的 JSON：${(e as Error).message}`, syntax: true };
  }
  if (Array.isArray(value)) {
    if (value.length !== 1) return { error: `这是含 ${value.length} 份报告的 JSON 数组，请一次给一份报告（xxgk parse 每个文件单独输出）` };
    value = value[0];
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { error: `不是报告模型：JSON 的顶层应为对象，实为${typeName(value)}` };
  const obj = value as Record<string, unknown>;
  if (obj.model !== MODEL_ID) {
    return { error: `不是报告模型：键 model 应为 "${MODEL_ID}"，实为${shown(obj.model)}` };
  }
  // Diagnostics are what the checks found; a model without them is checked afresh like any other.
  if (obj.diagnostics === undefined) obj.diagnostics = [];
  // Models written before the preamble was part of the model have none.
  if (obj.preamble === undefined) obj.preamble = null;
  const parsed = reportSchema.safeParse(obj);
  if (!parsed.success) return { error: `不符合报告模型（${MODEL_ID}）：${describeIssue(parsed.error.issues[0] as unknown as Issue, obj)}` };
  return { report: parsed.data as unknown as Report };
}

/**
 * The source map of a model read from JSON: every table present, every number read as printed,
 * a null cell blank, the headings and title as the model has them; no lines anywhere.
 */
export function modelSource(report: Report, file: string): SourceMap {
  const t = templateFor(report.template);
  const cells: SourceMap['cells'] = new Map();
  for (const c of cellsOf(t)) {
    const v = getCell(report, c.path);
    cells.set(c.path, typeof v === 'number' ? { status: 'ok', raw: String(v), line: null } : { status: 'blank', raw: null, line: null });
  }
  const tables: SourceMap['tables'] = {};
  for (const id of [...t.active.map((a) => a.id), t.applications.id, t.reviews.id]) tables[id] = { found: true, line: null };
  const headings = report.sections.map((s) => {
    // The writers print the official heading where the model has none.
    const printed = s.heading.trim() || officialHeading(t.sections[s.no - 1]);
    return { no: s.no, printed, ...splitHeading(printed), line: null };
  });
  // 总体情况's subheadings, found in its text as the mapper finds them in a document.
  const one = report.sections.find((s) => s.no === 1)?.text ?? '';
  const items = one ? itemsOf(readTextDocument(one)) : [];
  const subheadings = findSubheadings(items, 0, items.length, t).map((s) => ({ ...s, line: null }));
  const titleYear = report.meta.title ? /((?:19|20)\d{2})\s*年/.exec(report.meta.title) : null;
  return {
    file,
    document: { format: 'json', layout: 'model', messages: [] },
    cells,
    labels: [],
    headings,
    subheadings,
    tables,
    missingRows: [],
    missingColumns: [],
    title: report.meta.title ? { text: report.meta.title, line: null } : null,
    years: { title: titleYear ? Number(titleYear[1]) : null, period: null, body: null, bodyLine: null },
    sectionLines: {},
  };
}
