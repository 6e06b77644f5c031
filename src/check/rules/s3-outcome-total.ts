import { checkIdentities } from '../arithmetic.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: { id: 's3-outcome-total', severity: 'error', description: '第三部分每一列的（七）总计等于各办理结果之和' },
  check: (ctx) => checkIdentities('s3-outcome-total', ctx),
  examples: {
    ok: [{ name: 'clean report' }, { name: 'a null outcome cell is not summed', patch: (r) => ((r.applications.granted as Record<string, number | null>).naturalPerson = null) }],
    notOk: [
      { name: '（七）总计 自然人 one too many', patch: (r) => ((r.applications.total as Record<string, number>).naturalPerson = 12), path: 'applications.total.naturalPerson' },
      { name: 'an outcome row changed', edit: (t) => t.replace('2.重复申请\t0\t0\t0\t0\t0\t0\t0', '2.重复申请\t0\t1\t0\t0\t0\t0\t1'), path: 'applications.total.commercialEnterprise' },
    ],
  },
} satisfies Rule;
