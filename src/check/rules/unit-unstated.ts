import { findingsForStatus } from '../describe.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: { id: 'unit-unstated', severity: 'info', description: '金额单元格没有写单位时按原样（万元）读取' },
  check: (ctx) => findingsForStatus(ctx, 'unit-unstated', (where, printed) => `${where}「${printed}」没有写单位，按万元读取`),
  examples: {
    ok: [{ name: 'clean report (2021 fees carry their unit in the header)' }],
    notOk: [
      {
        name: '2019 采购总金额 as a bare number', errors: [{ message: '第二部分「第二十条第（九）项·政府集中采购」行「采购总金额」列「251.5」没有写单位，按万元读取', line: 5 }],
        text: ['2020年度某县财政局政府信息公开工作年度报告', '二、主动公开政府信息情况', '第二十条第（九）项', '信息内容\t采购项目数量\t采购总金额', '政府集中采购\t3\t251.5'].join('\n'),
        path: 'active.procurement.amount',
      },
    ],
  },
} satisfies Rule;
