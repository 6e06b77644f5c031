import { versionForYear } from '../../template/index.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: { id: 'template-version', severity: 'warning', description: '表格用该年度适用的格式（2021 年起用 2021 版，2019、2020 年用 2019 版）' },
  check(ctx) {
    const year = ctx.report.meta.year;
    if (year === null || year < 2019) return [];
    const want = versionForYear(year);
    if (want === ctx.report.template) return [];
    const line = ctx.source.tables.item1?.line ?? ctx.source.sectionLines[2] ?? null;
    return [{ path: 'template', line, message: `${year} 年度报告应使用 ${want} 版格式，表格却是 ${ctx.report.template} 版` }];
  },
  examples: {
    ok: [{ name: 'clean report' }],
    notOk: [{ name: 'a 2024 report with 2019 tables', errors: [{ message: '2024 年度报告应使用 2021 版格式，表格却是 2019 版', line: 17 }], patch: (r) => (r.template = '2019'), path: 'template' }],
  },
} satisfies Rule;
