import { checkIdentities } from '../arithmetic.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: { id: 's3-balance', severity: 'error', description: '第三部分每一列：本年新收＋上年结转＝办理结果总计＋结转下年度继续办理' },
  check: (ctx) => checkIdentities('s3-balance', ctx),
  examples: {
    ok: [{ name: 'clean report' }],
    notOk: [
      { name: '结转下年度 自然人 wrong', errors: [{ message: '第三部分「四、结转下年度继续办理」行「自然人」列：本年新收加上年结转为 12，办理结果总计加结转下年度为 15，不相等', line: 64 }], patch: (r) => ((r.applications.carriedForward as Record<string, number>).naturalPerson = 4), path: 'applications.carriedForward.naturalPerson' },
      { name: '上年结转 printed wrong', errors: [
        { message: '第三部分「四、结转下年度继续办理」行「自然人」列：本年新收加上年结转为 13，办理结果总计加结转下年度为 12，不相等', line: 64 },
        { message: '第三部分「四、结转下年度继续办理」行「总计」列：本年新收加上年结转为 18，办理结果总计加结转下年度为 17，不相等', line: 64 },
      ], edit: (t) => t.replace('二、上年结转政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2', '二、上年结转政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3'), path: 'applications.carriedForward.total' },
    ],
  },
} satisfies Rule;
