import type { Finding, Rule } from '../rule.ts';

const NUMERALS = '一二三四五六七八九十';
/** The numbering each part must have: 一、…六、. */
const WANT = [...NUMERALS].map((n) => `${n}、`);
/** The numbering a subsection of 总体情况 must have: （一）…（五）, in either width of bracket. */
const SUB_OK = /^[（(][一二三四五六七八九十][)）]$/;

export default {
  meta: { id: 'heading-numbering', severity: 'warning', description: '六个部分编号为一、…六、，总体情况的小标题编号为（一）…（五）' },
  check(ctx) {
    const out: Finding[] = [];
    for (const h of ctx.source.headings) {
      const want = WANT[h.no - 1];
      // Printed as the format has it (nearly every heading): no spaces to take out, nothing to say.
      if (h.numbering === want) continue;
      const got = h.numbering.replace(/\s/g, '');
      if (got !== want) out.push({ path: `sections[${h.no - 1}].heading`, line: h.line, page: h.page, message: `第${NUMERALS[h.no - 1]}部分标题编号为「${got || '无'}」，应为「${want}」` });
    }
    for (const s of ctx.source.subheadings) {
      if (SUB_OK.test(s.numbering)) continue;
      const got = s.numbering.replace(/\s/g, '');
      if (!SUB_OK.test(got)) out.push({ path: 'sections[0].text', line: s.line, page: s.page, message: `总体情况的小标题编号为「${got}」，应为「（一）」式` });
    }
    return out;
  },
  examples: {
    ok: [{ name: 'clean report' }, { name: 'half-width brackets in subsections', edit: (t) => t.replace('（一）主动公开', '(一)主动公开') }],
    notOk: [
      { name: 'section 二 numbered 2、', errors: [{ message: '第二部分标题编号为「2、」，应为「二、」', line: 15 }], edit: (t) => t.replace('二、主动公开政府信息情况', '2、主动公开政府信息情况'), path: 'sections[1].heading' },
      { name: 'subsection numbered （1）', errors: [{ message: '总体情况的小标题编号为「(1)」，应为「（一）」式', line: 5 }], edit: (t) => t.replace('（一）主动公开', '（1）主动公开'), path: 'sections[0].text' },
    ],
  },
} satisfies Rule;
