import { findingsForStatus } from '../describe.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: { id: 'bad-number', severity: 'error', description: '单元格里是数字（可带本表单位，如「3件」），不是文字' },
  check: (ctx) => findingsForStatus(ctx, 'bad', (where, printed) => `${where}填的是「${printed}」，不是数字`),
  examples: {
    ok: [{ name: 'clean report' }, { name: 'a number with its unit', edit: (t) => t.replace('行政许可\t120', '行政许可\t120件') }],
    notOk: [
      { name: '若干', edit: (t) => t.replace('行政许可\t120', '行政许可\t若干'), path: 'active.licensing.decisions' },
      { name: 'letter O for zero', edit: (t) => t.replace('行政处罚\t35', '行政处罚\t3O'), path: 'active.punishment.decisions' },
    ],
  },
} satisfies Rule;
