import { getCell } from '../../model/paths.ts';
import { sentencesOf } from '../narrative.ts';
import type { Rule } from '../rule.ts';

const NONE = /(未|没有|无)(发生|出现|收到|产生)?[^。；;]{0,24}(行政复议|行政诉讼)/;
const COUNT = /(行政复议|行政诉讼)[^。；;，,\d]{0,6}?(\d+)\s*(?:件|起|宗)/g;
const A_COUNT = /[1-9]\d*\s*(件|起|宗)/;
const names = (s: string) => s.includes('行政复议') || s.includes('行政诉讼');

const TOTALS = ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'].map((g) => `reviews.${g}.total`);

export default {
  meta: { id: 'narrative-reviews', severity: 'warning', description: '正文说的行政复议、行政诉讼情况与第四部分表格一致' },
  check(ctx) {
    const totals = TOTALS.map((p) => getCell(ctx.report, p));
    if (totals.some((v) => typeof v !== 'number')) return [];
    const [reconsideration, direct, after] = totals as number[];
    const cases = { 行政复议: reconsideration, 行政诉讼: direct + after };
    const out = [];
    for (const sec of ctx.report.sections) {
      // Every sentence looked at names one of the two: a section that names neither is not split.
      if (!names(sec.text)) continue;
      const line = ctx.source.sectionLines[sec.no] ?? null;
      for (const s of sentencesOf(ctx, sec)) {
        if (!names(s)) continue;
        if (NONE.test(s) && !A_COUNT.test(s)) {
          const named = (['行政复议', '行政诉讼'] as const).filter((k) => s.includes(k) && cases[k] > 0);
          if (named.length) out.push({ path: `sections[${sec.no - 1}].text`, line, message: `正文说「${s}」，第四部分表中${named.map((k) => `${k} ${cases[k]} 件`).join('、')}` });
          continue;
        }
        for (const m of s.matchAll(COUNT)) {
          const kind = m[1] as keyof typeof cases;
          if (Number(m[2]) !== cases[kind]) out.push({ path: `sections[${sec.no - 1}].text`, line, message: `正文说${kind} ${m[2]} 件，第四部分表中为 ${cases[kind]} 件` });
        }
      }
    }
    return out;
  },
  examples: {
    ok: [{ name: 'clean report' }],
    notOk: [
      { name: 'text says none, table has 2', errors: [{ message: '正文说「2024年未发生政府信息公开行政复议、行政诉讼案件。」，第四部分表中行政复议 2 件、行政诉讼 1 件', line: 66 }], edit: (t) => t.replace('2024年发生政府信息公开行政复议2件、行政诉讼1件。', '2024年未发生政府信息公开行政复议、行政诉讼案件。'), path: 'sections[3].text' },
      { name: 'text says 5 复议', errors: [{ message: '正文说行政复议 5 件，第四部分表中为 2 件', line: 66 }], edit: (t) => t.replace('行政复议2件', '行政复议5件'), path: 'sections[3].text' },
    ],
  },
} satisfies Rule;
