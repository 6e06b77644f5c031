import { labelKey } from '../../map/normalize.ts';
import { wordings } from '../../template/index.ts';
import type { SectionDef } from '../../template/index.ts';
import type { Rule } from '../rule.ts';

/** Words only: no width, spacing, punctuation or 的. */
const words = (s: string) => labelKey(s).replace(/[的。.,:;!?、()]/g, '');

/** Each section's wordings as words, made once a template's section (not every wording's at every heading). */
const allowed = new Map<SectionDef, Set<string>>();
function wordsOf(def: SectionDef): Set<string> {
  let w = allowed.get(def);
  if (!w) {
    w = new Set(wordings(def.title).map(words));
    allowed.set(def, w);
  }
  return w;
}

export default {
  meta: { id: 'heading-title', severity: 'warning', description: '六个部分的标题用格式规定的文字' },
  check(ctx) {
    const out = [];
    for (const h of ctx.source.headings) {
      const def = ctx.template.sections[h.no - 1];
      if (wordsOf(def).has(words(h.title))) continue;
      out.push({ path: `sections[${h.no - 1}].heading`, line: h.line, page: h.page, message: `第${def.numeral}部分标题「${h.title}」与格式规定的「${def.title.official}」不同` });
    }
    return out;
  },
  examples: {
    ok: [{ name: 'clean report' }, { name: 'the 条例 wording of section 四', edit: (t) => t.replace('四、政府信息公开行政复议、行政诉讼情况', '四、因政府信息公开工作被申请行政复议、提起行政诉讼情况') }],
    notOk: [{ name: 'own words for section 一', errors: [{ message: '第一部分标题「信息公开总体情况概述」与格式规定的「总体情况」不同', line: 3 }], edit: (t) => t.replace('一、总体情况', '一、信息公开总体情况概述'), path: 'sections[0].heading' }],
  },
} satisfies Rule;
