import { describeCell } from '../describe.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: { id: 'unit-converted', severity: 'info', description: '用其他单位填写的金额（如“251000元”填在万元格）已换算' },
  check(ctx) {
    const out = [];
    for (const [path, o] of ctx.source.cells) {
      if (o.status === 'converted') out.push({ path, message: `${describeCell(ctx.template, path)}填的是「${o.raw}」，已换算为万元` });
    }
    return out;
  },
  examples: {
    ok: [{ name: 'clean report' }],
    notOk: [{ name: 'fees in 元', edit: (t) => t.replace('行政事业性收费\t1.5', '行政事业性收费\t15000元'), path: 'active.fees.amount' }],
  },
} satisfies Rule;
