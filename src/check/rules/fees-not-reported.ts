import type { Rule } from '../rule.ts';

const FEES = /处理费|收费|费用|收取/;

export default {
  meta: { id: 'fees-not-reported', severity: 'warning', description: '第六部分说明是否收取了信息处理费' },
  check(ctx) {
    const six = ctx.report.sections.find((s) => s.no === 6);
    if (six && FEES.test(six.text)) return [];
    // Some reports say it elsewhere; the format asks for it in 六, but a word anywhere is not a miss.
    if (ctx.report.sections.some((s) => s.text.includes('信息处理费'))) return [];
    return [{ path: six ? 'sections[5].text' : 'sections[5]', line: ctx.source.sectionLines[6] ?? null, message: '第六部分没有说明本年度是否收取信息处理费' }];
  },
  examples: {
    ok: [{ name: 'clean report' }],
    notOk: [{ name: 'section 六 silent on fees', errors: [{ message: '第六部分没有说明本年度是否收取信息处理费', line: 79 }], edit: (t) => t.replace('2024年度未收取政府信息公开信息处理费。', '建议提案均已办结。'), path: 'sections[5].text' }],
  },
} satisfies Rule;
