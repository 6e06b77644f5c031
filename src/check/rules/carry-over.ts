import { CLEAN_REPORT_2023 } from '../examples.ts';
import { getCell } from '../../model/paths.ts';
import { describeCell } from '../describe.ts';
import type { Rule } from '../rule.ts';

const norm = (s: string | null) => (s ?? '').replace(/\s+/g, '');

export default {
  meta: { id: 'carry-over', severity: 'warning', description: '本年“上年结转”等于同一机关上年报告的“结转下年度继续办理”' },
  check(ctx) {
    const { meta } = ctx.report;
    if (meta.year === null || !meta.agency) return [];
    const last = ctx.others.find((o) => o.report.meta.year === meta.year! - 1 && norm(o.report.meta.agency) === norm(meta.agency));
    if (!last) return [];
    const out = [];
    for (const col of ctx.template.applications.columns) {
      const now = getCell(ctx.report, `applications.carriedOver.${col.key}`);
      const before = getCell(last.report, `applications.carriedForward.${col.key}`);
      if (typeof now !== 'number' || typeof before !== 'number' || now === before) continue;
      out.push({
        path: `applications.carriedOver.${col.key}`,
        message: `${describeCell(ctx.template, `applications.carriedOver.${col.key}`)}为 ${now}，${meta.year! - 1} 年报告（${last.source.file}）的结转下年度为 ${before}`,
      });
    }
    return out;
  },
  examples: {
    ok: [{ name: '2024 after 2023', others: [CLEAN_REPORT_2023] }, { name: 'no report of last year given' }],
    notOk: [{ name: '2024 上年结转 differs from 2023 结转下年度', others: [CLEAN_REPORT_2023.replace('四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2', '四、结转下年度继续办理\t5\t0\t0\t0\t0\t0\t5')], path: 'applications.carriedOver.naturalPerson' }],
  },
} satisfies Rule;
