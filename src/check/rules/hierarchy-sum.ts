// hierarchy-sum: a government-wide report's cells against the sum of its departments' reports.
//
// The rule runs only when the caller says the report is a government-wide report (the check option
// `governmentReport`), and then takes `ctx.others` of the same year as its departments (its own
// office included). `xxgk sum --against` says so for the government's report; an ordinary
// `xxgk check a.txt b.txt` does not, so unrelated reports checked together are never summed.
import { getCell } from '../../model/paths.ts';
import type { Report } from '../../model/report.ts';
import { sameValue, sumAllCells } from '../../model/sums.ts';
import { describeCell } from '../describe.ts';
import type { Finding, Rule } from '../rule.ts';

const fmt = (n: number) => String(Math.round(n * 1e6) / 1e6);

const government = (r: Report) => {
  r.meta.agency = '广水市人民政府';
};
const asGovernment = { governmentReport: true };

export default {
  meta: { id: 'hierarchy-sum', severity: 'error', description: '政府汇总报告的每个数字等于本级办公室和各部门同年度报告之和' },
  check(ctx) {
    if (!ctx.governmentReport) return [];
    const year = ctx.report.meta.year;
    const departments = ctx.others.filter((o) => year !== null && o.report.meta.year === year);
    if (!departments.length) return [];
    const sums = sumAllCells(
      departments.map((d) => d.report),
      ctx.report.template,
    );
    const out: Finding[] = [];
    for (const c of sums.cells) {
      const v = getCell(ctx.report, c.path);
      const printed = typeof v === 'number' ? v : null;
      // A blank on either side is not compared: blank-cell and the sum's own findings name it.
      if (printed === null || c.value === null || sameValue(printed, c.value)) continue;
      const raw = ctx.source.cells.get(c.path)?.raw;
      out.push({
        path: c.path,
        message: `${describeCell(ctx.template, c.path)}：本报告为 ${raw ?? fmt(printed)}，${departments.length} 份单位报告之和为 ${fmt(c.value)}（相差 ${fmt(printed - c.value)}）`,
      });
    }
    return out;
  },
  examples: {
    ok: [
      { name: 'the sum of its two departments', patch: government, options: asGovernment, others: [(f) => f.department('广水市科技经信局'), (f) => f.department('广水市教育局', { zero: true })] },
      { name: 'not marked as a government report: unrelated reports checked together', others: [(f) => f.department('广水市科技经信局'), (f) => f.department('广水市教育局')] },
      { name: 'departments of another year are not its departments', patch: government, options: asGovernment, others: [(f) => f.department('广水市科技经信局').replace(/2024/g, '2023')] },
    ],
    notOk: [
      {
        name: '行政许可 differs from the sum', errors: [{ message: '第二部分「第二十条第（五）项·行政许可」行「本年处理决定数量」列：本报告为 121，2 份单位报告之和为 120（相差 1）', line: 24 }],
        edit: (t) => t.replace('行政许可\t120', '行政许可\t121'),
        patch: government,
        options: asGovernment,
        others: [(f) => f.department('广水市科技经信局'), (f) => f.department('广水市教育局', { zero: true })],
        path: 'active.licensing.decisions',
      },
      {
        name: 'a department’s 行政许可 left out of the government report', errors: [{ message: '第二部分「第二十条第（五）项·行政许可」行「本年处理决定数量」列：本报告为 120，2 份单位报告之和为 127（相差 -7）', line: 24 }],
        patch: government,
        options: asGovernment,
        others: [(f) => f.department('广水市科技经信局'), (f) => f.department('广水市教育局', { zero: true }).replace('行政许可\t0', '行政许可\t7')],
        path: 'active.licensing.decisions',
      },
    ],
  },
} satisfies Rule;

