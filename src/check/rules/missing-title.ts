import type { Rule } from '../rule.ts';

export default {
  meta: { id: 'missing-title', severity: 'warning', description: '报告有标题，写明机关、年度和“政府信息公开工作年度报告”' },
  check(ctx) {
    const t = ctx.source.title;
    if (!t) return [{ path: 'meta.title', line: 1, message: '报告没有标题（应为「××年度××政府信息公开工作年度报告」）' }];
    const lacks = [!/(19|20)\d{2}\s*年/.test(t.text) && '年度', !ctx.report.meta.agency && '机关名称', !/政府信息公开工作年度报告/.test(t.text.replace(/\s/g, '')) && '“政府信息公开工作年度报告”'].filter(Boolean);
    return lacks.length ? [{ path: 'meta.title', line: t.line, message: `标题「${t.text}」缺少${lacks.join('、')}` }] : [];
  },
  examples: {
    ok: [{ name: 'clean report' }],
    notOk: [
      { name: 'no title line', errors: [{ message: '报告没有标题（应为「××年度××政府信息公开工作年度报告」）', line: 1 }], edit: (t) => t.replace(/^[^\n]*\n/, ''), path: 'meta.title' },
      { name: 'a title without the year', errors: [{ message: '标题「广水市科技经信局政府信息公开工作年度报告」缺少年度', line: 1 }], edit: (t) => t.replace('2024年度广水市', '广水市'), path: 'meta.title' },
    ],
  },
} satisfies Rule;
