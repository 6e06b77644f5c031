import { cellsOf, type Template } from '../../template/index.ts';
import { describeCell, describeRow, statusesOf } from '../describe.ts';
import type { Finding, Rule } from '../rule.ts';

const BLANK_STATUSES = ['blank', 'placeholder', 'no-value'] as const;
const BLANK = new Set<string>(BLANK_STATUSES);

const rowCache = new Map<Template, Map<string, string[]>>();

/** Each printed row's cell paths, by row path. */
function rowsOf(t: Template): Map<string, string[]> {
  let rows = rowCache.get(t);
  if (!rows) {
    rows = new Map();
    for (const c of cellsOf(t)) {
      const row = c.path.slice(0, c.path.lastIndexOf('.'));
      rows.set(row, [...(rows.get(row) ?? []), c.path]);
    }
    rowCache.set(t, rows);
  }
  return rows;
}

export default {
  meta: { id: 'blank-cell', severity: 'error', description: '应填数字的单元格不能空着或只填占位符（/、—、无）' },
  check(ctx) {
    const out: Finding[] = [];
    const statuses = statusesOf(ctx);
    // No cell read blank (most reports): nothing to look for row by row.
    if (!BLANK_STATUSES.some((s) => statuses.has(s))) return out;
    // One finding for a row left blank as a whole, one per cell otherwise.
    for (const [row, paths] of rowsOf(ctx.template)) {
      const blank = paths.filter((p) => BLANK.has(ctx.source.cells.get(p)?.status ?? ''));
      if (!blank.length) continue;
      if (blank.length === paths.length && blank.length > 1) {
        const line = ctx.source.cells.get(blank[0])?.line ?? ctx.source.labels.find((l) => l.path === row)?.line ?? null;
        out.push({ path: row, line, message: `「${describeRow(ctx.template, row)}」一行没有填写数字` });
        continue;
      }
      for (const p of blank) {
        const o = ctx.source.cells.get(p)!;
        out.push({ path: p, message: `${describeCell(ctx.template, p)}${o.status === 'placeholder' ? `填的是「${o.raw}」` : '为空'}，应填数字（没有则填 0）` });
      }
    }
    return out;
  },
  examples: {
    ok: [{ name: 'clean report' }, { name: 'a missing column is missing-column, not blank cells', edit: (t, f) => f.withoutTotalColumn(t) }],
    notOk: [
      { name: 'a slash for 规章', errors: [{ message: '第二部分「第二十条第（一）项·规章」行「本年制发件数」列填的是「/」，应填数字（没有则填 0）', line: 19 }], edit: (t) => t.replace('规章\t1\t0\t3', '规章\t/\t0\t3'), path: 'active.regulations.issued' },
      { name: 'a row without numbers', errors: [{ message: '「（五）不予处理·2.重复申请」一行没有填写数字', line: 56 }], edit: (t) => t.replace(/\n2\.重复申请\t[^\n]*/, '\n2.重复申请'), path: 'applications.notProcessed.duplicate' },
    ],
  },
} satisfies Rule;
