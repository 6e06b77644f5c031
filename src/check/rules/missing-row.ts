import type { Rule } from '../rule.ts';

export default {
  meta: { id: 'missing-row', severity: 'error', description: '表格里格式规定的行都在' },
  check: (ctx) => ctx.source.missingRows.map((m) => ({ path: m.path, line: m.line, page: m.page, message: `表中缺少「${m.label}」一行` })),
  examples: {
    ok: [{ name: 'clean report' }],
    notOk: [
      { name: '3.其他 row dropped', errors: [{ message: '表中缺少「3.其他」一行', line: 60 }], edit: (t) => t.replace(/\n3\.其他\t[^\n]*/, ''), path: 'applications.otherHandling.other' },
      { name: '（六）其他处理 printed as one row (2019 style)', errors: [
        { message: '表中缺少「1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请」一行', line: 60 },
        { message: '表中缺少「2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请」一行', line: 60 },
        { message: '表中缺少「3.其他」一行', line: 60 },
      ], edit: (t) => t.replace(/（六）其他处理\t1\.申请人[^\n]*\n2\.申请人[^\n]*\n3\.其他\t/, '（六）其他处理\t'), path: 'applications.otherHandling.noCorrection' },
    ],
  },
} satisfies Rule;
