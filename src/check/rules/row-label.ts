import type { Rule } from '../rule.ts';

export default {
  meta: { id: 'row-label', severity: 'warning', description: '表格的行、列和小表标题用格式规定的文字' },
  check: (ctx) =>
    ctx.source.labels
      .filter((l) => l.match === 'flagged' || l.match === 'fuzzy')
      .map((l) => ({ path: l.path, line: l.line, page: l.page, message: `「${l.printed}」与格式规定的「${l.official}」${l.match === 'fuzzy' ? '写法不同（疑为笔误）' : '用词不同'}` })),
  examples: {
    ok: [{ name: 'clean report' }, { name: 'numbering 1、 for 1.', edit: (t) => t.replace('1.属于国家秘密', '1、属于国家秘密') }],
    notOk: [
      { name: '规范性文件 for 行政规范性文件', errors: [{ message: '「规范性文件」与格式规定的「行政规范性文件」用词不同', line: 20 }], edit: (t) => t.replace('行政规范性文件\t4', '规范性文件\t4'), path: 'active.normativeDocuments' },
      { name: 'a misspelt row', errors: [{ message: '「2.其他法律行政止公开」与格式规定的「2.其他法律行政法规禁止公开」写法不同（疑为笔误）', line: 45 }], edit: (t) => t.replace('2.其他法律行政法规禁止公开', '2.其他法律行政止公开'), path: 'applications.denied.prohibitedByLaw' },
    ],
  },
} satisfies Rule;
