import type { Rule } from '../rule.ts';

export default {
  meta: { id: 'missing-column', severity: 'error', description: '表格里格式规定的列都在（如第三部分的总计列）' },
  check: (ctx) => ctx.source.missingColumns.map((m) => ({ path: m.path, line: m.line, message: `第三部分表中缺少「${m.label}」列，该列各格为空` })),
  examples: {
    ok: [{ name: 'clean report' }],
    notOk: [
      {
        name: 'no 总计 column', errors: [{ message: '第三部分表中缺少「总计」列，该列各格为空', line: 35 }],
        edit: (t, f) => f.withoutTotalColumn(t),
        path: 'applications.*.total',
      },
    ],
  },
} satisfies Rule;
