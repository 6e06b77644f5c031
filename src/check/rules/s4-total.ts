import { checkIdentities } from '../arithmetic.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: { id: 's4-total', severity: 'error', description: '第四部分行政复议和两类行政诉讼的总计等于维持、纠正、其他、尚未审结之和' },
  check: (ctx) => checkIdentities('s4-total', ctx),
  examples: {
    ok: [{ name: 'clean report' }],
    notOk: [
      { name: '行政复议 总计 printed 0', errors: [{ message: '第四部分「行政复议·总计」列：表中为 0，各分项之和为 2', line: 73 }], edit: (t) => t.replace(/^1\t0\t0\t1\t2\t/m, '1\t0\t0\t1\t0\t'), path: 'reviews.reconsideration.total' },
      { name: '复议后起诉 维持 without total', errors: [{ message: '第四部分「行政诉讼·复议后起诉·总计」列：表中为 0，各分项之和为 5', line: 73 }], patch: (r) => (r.reviews.litigationAfterReconsideration.upheld = 5), path: 'reviews.litigationAfterReconsideration.total' },
    ],
  },
} satisfies Rule;
