import { getCell } from '../../model/paths.ts';
import { sentencesOf } from '../narrative.ts';
import type { Rule } from '../rule.ts';

/** Sentences about other things that also say 申请 (复议申请, 许可申请, 建议提案…). */
const OTHER = /复议|诉讼|许可|建议|提案|咨询|留言|投诉|信访|热线|审批|补正|行政处罚/;
const NONE = /(未|没有|无)(收到|接到|受理|接收|发生)[^。；;，,]{0,16}申请|申请[^。；;，,\d]{0,6}(为|共)?\s*(0|零)\s*件/;
const COUNT = /(?:收到|受理|接到|接收|新收)[^。；;，,\d]{0,20}?申请[^。；;，,\d]{0,6}?(\d+)\s*(?:件|个|条)/;

export default {
  meta: { id: 'narrative-applications', severity: 'warning', description: '正文说的依申请公开数量与第三部分表格一致' },
  check(ctx) {
    const received = getCell(ctx.report, 'applications.received.total');
    const carried = getCell(ctx.report, 'applications.carriedOver.total');
    if (typeof received !== 'number') return [];
    const out = [];
    for (const sec of ctx.report.sections.filter((s) => s.no === 1 || s.no === 3)) {
      if (!sec.text.includes('申请')) continue;
      for (const s of sentencesOf(ctx, sec)) {
        // NONE and COUNT both need 申请: a sentence without it is passed before the regexes.
        if (!s.includes('申请') || OTHER.test(s)) continue;
        const line = ctx.source.sectionLines[sec.no] ?? null;
        if (NONE.test(s) && received > 0) {
          out.push({ path: `sections[${sec.no - 1}].text`, line, message: `正文说「${s}」，表中本年新收申请为 ${received} 件` });
          continue;
        }
        const m = COUNT.exec(s);
        if (!m) continue;
        const n = Number(m[1]);
        if (n !== received && n !== received + (typeof carried === 'number' ? carried : 0)) {
          out.push({ path: `sections[${sec.no - 1}].text`, line, message: `正文说申请 ${n} 件，表中本年新收申请为 ${received} 件` });
        }
      }
    }
    return out;
  },
  examples: {
    ok: [
      { name: 'clean report' },
      { name: 'a 复议 sentence is not about applications', edit: (t) => t.replace('均按时答复。', '均按时答复。收到行政复议申请9件。') },
      { name: 'a count ending in 0 is not “none”', edit: (t) => t.replace('共收到政府信息公开申请15件', '本年度新收政府信息公开申请30件').replace(/^(一、本年新收政府信息公开申请数量)\t10\t3\t0\t1\t1\t0\t15/m, '$1\t25\t3\t0\t1\t1\t0\t30') },
    ],
    notOk: [
      { name: 'text says 2, table 15', errors: [{ message: '正文说申请 2 件，表中本年新收申请为 15 件', line: 3 }], edit: (t) => t.replace('共收到政府信息公开申请15件', '共收到政府信息公开申请2件'), path: 'sections[0].text' },
      { name: 'text says none', errors: [{ message: '正文说「2024年未收到政府信息公开申请。」，表中本年新收申请为 15 件', line: 3 }], edit: (t) => t.replace('共收到政府信息公开申请15件，均按时答复', '未收到政府信息公开申请'), path: 'sections[0].text' },
    ],
  },
} satisfies Rule;
