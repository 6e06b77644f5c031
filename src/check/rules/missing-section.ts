import { officialHeading } from '../../template/index.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: { id: 'missing-section', severity: 'error', description: '六个法定部分都有，标题可以找到' },
  check(ctx) {
    const found = new Set(ctx.source.headings.map((h) => h.no));
    return ctx.template.sections
      .filter((s) => !found.has(s.no))
      .map((s) => ({ path: `sections[${s.no - 1}]`, line: null, message: `缺少第${s.numeral}部分「${officialHeading(s)}」` }));
  },
  examples: {
    ok: [{ name: 'clean report' }, { name: 'headings numbered another way', edit: (t) => t.replace('五、存在的主要问题及改进情况', '5、存在的主要问题及改进情况') }],
    notOk: [
      { name: 'section 五 left out', errors: [{ message: '缺少第五部分「五、存在的主要问题及改进情况」', line: null }], edit: (t) => t.replace(/五、存在的主要问题及改进情况\n\n[^\n]*\n/, ''), path: 'sections[4]' },
      { name: 'section 六 heading missing', errors: [{ message: '缺少第六部分「六、其他需要报告的事项」', line: null }], edit: (t) => t.replace('六、其他需要报告的事项', ''), path: 'sections[5]' },
    ],
  },
} satisfies Rule;
