import { checkIdentities } from '../arithmetic.ts';
import type { Rule } from '../rule.ts';

const RECEIVED = '一、本年新收政府信息公开申请数量\t10\t3\t0\t1\t1\t0\t15';

export default {
  meta: { id: 's3-row-total', severity: 'error', description: '第三部分每一行的总计等于自然人与五类法人或其他组织之和' },
  check: (ctx) => checkIdentities('s3-row-total', ctx),
  examples: {
    ok: [{ name: 'clean report' }],
    notOk: [
      { name: '本年新收 总计 off by one', errors: [{ message: '第三部分「一、本年新收政府信息公开申请数量」行「总计」列：表中为 16，各分项之和为 15', line: 40 }], edit: (t) => t.replace(RECEIVED, RECEIVED.replace(/15$/, '16')), path: 'applications.received.total' },
      { name: 'a sub-row whose 自然人 does not add up', errors: [{ message: '第三部分「（三）不予公开·1.属于国家秘密」行「总计」列：表中为 1，各分项之和为 3', line: 44 }], patch: (r) => ((r.applications.denied as Record<string, Record<string, number>>).stateSecret.naturalPerson = 3), path: 'applications.denied.stateSecret.total' },
    ],
  },
} satisfies Rule;
