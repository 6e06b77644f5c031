import { findingsForStatus } from '../describe.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: { id: 'unit-converted', severity: 'info', description: '用其他单位填写的金额（如“251000元”填在万元格）已换算' },
  check: (ctx) => findingsForStatus(ctx, 'converted', (where, printed) => `${where}填的是「${printed}」，已换算为万元`),
  examples: {
    ok: [{ name: 'clean report' }],
    notOk: [{ name: 'fees in 元', errors: [{ message: '第二部分「第二十条第（八）项·行政事业性收费」行「本年收费金额（单位：万元）」列填的是「15000元」，已换算为万元', line: 33 }], edit: (t) => t.replace('行政事业性收费\t1.5', '行政事业性收费\t15000元'), path: 'active.fees.amount' }],
  },
} satisfies Rule;
