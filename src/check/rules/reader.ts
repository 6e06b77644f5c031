import type { SourceMap } from '../../map/source.ts';
import type { ReaderMessage } from '../../read/document.ts';
import type { Finding, Rule, RuleContext } from '../rule.ts';

/** The model path a message is about: its own, else the cell (or the row of cells) printed at its position. */
function pathOf(m: ReaderMessage, source: SourceMap): string {
  if (m.path) return m.path;
  if (m.line === undefined) return '';
  const here: string[] = [];
  for (const [path, o] of source.cells) if (o.line === m.line && (m.page === undefined || o.page === undefined || o.page === m.page)) here.push(path);
  if (here.length <= 1) return here[0] ?? '';
  // Several cells on the line: their row (the longest common prefix, cut at a path segment).
  const under = (p: string, row: string) => p === row || p.startsWith(`${row}.`);
  let common = here[0];
  while (common && !here.every((p) => under(p, common))) common = common.slice(0, Math.max(0, common.lastIndexOf('.')));
  return common;
}

/** Tables published as images explain the tables the mapper did not find: point at the first of them. */
function missingTablePath(ctx: RuleContext): string {
  const id = Object.entries(ctx.source.tables).find(([, t]) => !t.found)?.[0];
  if (!id) return '';
  if (id === 'applications' || id === 'reviews') return id;
  const item = ctx.template.active.find((a) => a.id === id);
  return item ? `active.${item.rows[0].key}` : '';
}

export default {
  meta: { id: 'reader', severity: 'warning', description: '读取文档时发现的问题（表格为图片、扫描分辨率低、合并单元格按推测读取、无法解码的字节、网页声明的编码不对）' },
  check(ctx) {
    return ctx.source.document.messages.map((m): Finding => {
      const path = pathOf(m, ctx.source) || (m.code === 'tables-as-images' ? missingTablePath(ctx) : '');
      // Bytes replaced on a line of the tables may have taken a value's text: a warning there.
      const severity = m.code === 'bytes-replaced' && path ? 'warning' : m.severity;
      return { path, line: m.line ?? null, ...(m.page !== undefined ? { page: m.page } : {}), message: m.message, severity };
    });
  },
  examples: {
    ok: [{ name: 'clean report' }],
    notOk: [
      {
        name: 'a value cell spanning two columns, placed by guess', errors: [{ message: '第 45 行少一个单元格，按跨两列的合并单元格读取（最后一个数同时填入两列）', line: 45 }],
        edit: (t) => t.replace('2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0', '2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0'),
        path: 'applications.denied.prohibitedByLaw',
      },
      {
        name: 'tables published as images', errors: [{ message: '网页正文中没有表格，但有 3 张图片：表格可能以图片形式发布，其中的数字无法读取', line: 12 }],
        patchSource: (s) => {
          s.document.messages.push({ severity: 'warning', code: 'tables-as-images', message: '网页正文中没有表格，但有 3 张图片：表格可能以图片形式发布，其中的数字无法读取', line: 12 });
          s.tables.item1.found = false;
        },
        path: 'active.regulations',
      },
      {
        name: 'bytes replaced in decoding, in prose', errors: [{ message: '第 3 行有 1 个字节无法按 UTF-8 解码，已替换为「�」', line: 3 }],
        patchSource: (s) => s.document.messages.push({ severity: 'info', code: 'bytes-replaced', message: '第 3 行有 1 个字节无法按 UTF-8 解码，已替换为「�」', line: 3 }),
      },
    ],
  },
} satisfies Rule;
