import { checkIdentities } from '../arithmetic.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: { id: 's3-outcome-total', severity: 'error', description: '第三部分每一列的（七）总计等于各办理结果之和' },
  check: (ctx) => checkIdentities('s3-outcome-total', ctx),
  examples: {
    ok: [{ name: 'clean report' }, { name: 'a null outcome cell is not summed', patch: (r) => ((r.applications.granted as Record<string, number | null>).naturalPerson = null) }],
    notOk: [
      { name: '（七）总计 自然人 one too many', errors: [{ message: '第三部分「（七）总计」行「自然人」列：表中为 12，各分项之和为 11', line: 63 }], patch: (r) => ((r.applications.total as Record<string, number>).naturalPerson = 12), path: 'applications.total.naturalPerson' },
      { name: 'an outcome row changed', errors: [
        { message: '第三部分「（七）总计」行「法人或其他组织·商业企业」列：表中为 3，各分项之和为 4', line: 63 },
        { message: '第三部分「（七）总计」行「总计」列：表中为 16，各分项之和为 17', line: 63 },
      ], edit: (t) => t.replace('2.重复申请\t0\t0\t0\t0\t0\t0\t0', '2.重复申请\t0\t1\t0\t0\t0\t0\t1'), path: 'applications.total.commercialEnterprise' },
    ],
  },
} satisfies Rule;
