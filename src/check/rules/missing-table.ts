import type { Rule } from '../rule.ts';

export default {
  meta: { id: 'missing-table', severity: 'error', description: '第二、三、四部分的表格都在' },
  check(ctx) {
    const t = ctx.template;
    const tables = [
      ...t.active.map((a) => ({ id: a.id, path: `active.${a.rows[0].key}`, name: `第二部分「${a.heading.official}」表` })),
      { id: 'applications', path: 'applications', name: '第三部分「收到和处理政府信息公开申请情况」表' },
      { id: 'reviews', path: 'reviews', name: '第四部分「政府信息公开行政复议、行政诉讼情况」表' },
    ];
    return tables
      .filter((x) => !ctx.source.tables[x.id]?.found)
      .map((x) => ({ path: x.path, line: ctx.source.sectionLines[x.id === 'applications' ? 3 : x.id === 'reviews' ? 4 : 2] ?? null, message: `缺少${x.name}` }));
  },
  examples: {
    ok: [{ name: 'clean report' }],
    notOk: [
      { name: 'section 四 without its table', errors: [{ message: '缺少第四部分「政府信息公开行政复议、行政诉讼情况」表', line: 66 }], edit: (t) => t.replace(/\n行政复议\t行政诉讼[\s\S]*?\n\n五、/, '\n\n五、'), path: 'reviews' },
      { name: 'section 二 without 第二十条第（八）项', errors: [{ message: '缺少第二部分「第二十条第（八）项」表', line: 15 }], edit: (t) => t.replace(/第二十条第（八）项[\s\S]*?行政事业性收费\t1\.5\n/, ''), path: 'active.fees' },
    ],
  },
} satisfies Rule;
