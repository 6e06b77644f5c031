// The report's title, agency, year and reviewer, from its first lines and its prose.
import type { Item } from './items.ts';

const REPORT_WORDS = /(政府)?信息公开(工作)?(年度)?报告/;
const SENTENCE = /(根据|按照|现将|现公布|本报告|特编制|依据|浏览|发布时间|来源)/;
const YEAR = /((?:19|20)\d{2})\s*年/;

/** A portal's breadcrumb or navigation line: never the title, never the agency. */
const NAVIGATION = /当前位置|您的位置|所在位置|现在位置|首页\s*[>›»/＞]|[>›»＞]\s*(?:正文|政府信息公开|信息公开|年度报告)/;

export interface TitleFound {
  text: string;
  line: number;
}

/** The title: a short line near the top naming the report; a two-line title is joined. */
export function findTitle(items: Item[], before: number): TitleFound | null {
  const limit = Math.min(items.length, Math.max(before, 0) || 12, 40);
  for (let i = 0; i < limit; i++) {
    const it = items[i];
    const compact = it.text.replace(/\s+/g, '');
    if (!it.alone || compact.length > 70 || SENTENCE.test(compact) || NAVIGATION.test(compact)) continue;
    if (!REPORT_WORDS.test(compact)) continue;
    const prev = i > 0 ? items[i - 1] : null;
    // `2024年度广水市科技经信局` / `政府信息公开工作年度报告`, or `淮安市人民政府` / `2024 年政府信息公开…`
    if (/^\s*((19|20)\d{2}\s*年度?\s*)?(政府)?信息公开/.test(it.text) && prev && prev.alone && prev.text.length <= 40 && !SENTENCE.test(prev.text) && !/报告/.test(prev.text)) {
      return { text: prev.text + it.text, line: prev.line };
    }
    return { text: it.text, line: it.line };
  }
  return null;
}

/** How an agency's name ends: 局, 委员会, 办公室, 人民政府, 街道办事处, 中心 … */
const AGENCY_END = '(?:局|委员会|委|办公室|办|人民政府|政府|中心|院|厅|署|街道办事处|街道|镇|乡|管委会|管理委员会|所|站|队|馆|处|会)';

const SELF = /^(我|本)(局|委|办|单位|机关|镇|乡|街道|院|厅|部|中心|区|县|市|司|署|所|站)/;

function cleanAgency(s: string): string | null {
  const a = s
    .replace(/^关于/, '')
    .replace(/^\s*((19|20)\d{2})\s*年度?/, '')
    .replace(/[《》“”"'\s]/g, '')
    .replace(/的$/, '');
  if (a.length < 2 || a.length > 40 || SELF.test(a) || /^\d/.test(a) || NAVIGATION.test(a) || /[>›»＞:：]/.test(a)) return null;
  return a;
}

/** The agency as the report names itself: from the title, else from the opening sentence. */
export function findAgency(title: string | null, items: Item[]): string | null {
  if (title) {
    const t = title.replace(/\s+/g, '');
    const m = /^(.*?)((19|20)\d{2}年度?)?(政府)?信息公开(工作)?(年度)?报告/.exec(t);
    if (m) {
      const a = cleanAgency(m[1]);
      if (a) return a;
    }
  }
  const patterns = [
    /特编制(.{2,30}?)((19|20)\d{2})年度?政府信息公开/,
    /现(?:予)?公布(.{2,30}?)((19|20)\d{2})年度?政府信息公开/,
    /由(.{2,30}?)(?:负责)?编制/,
    /现将(.{2,30}?)((19|20)\d{2})年度?政府信息公开/,
    /^(.{2,30}?)((19|20)\d{2})年度?政府信息公开工作年度报告/,
    // The opening paragraph naming its author: `××局高度重视政府信息公开工作…`.
    new RegExp(`^((?:19|20)\\d{2}年(?:度)?(?:以来)?[，,]?)?(.{2,30}?${AGENCY_END})(?:高度重视|认真贯彻|深入贯彻|认真落实|严格按照|严格落实|坚持|始终|紧紧围绕|全面贯彻|积极|扎实)`),
  ];
  for (let i = 0; i < Math.min(items.length, 30); i++) {
    const it = items[i];
    if (it.text.length < 8) continue;
    const text = it.text.replace(/\s+/g, '');
    // A title printed in a table row (`标题：| ××局2023年…报告`) is a cell among others.
    if (!it.alone && !/^(.{2,30}?)((19|20)\d{2})年度?政府信息公开工作年度报告$/.test(text)) continue;
    for (const p of patterns) {
      const m = p.exec(text);
      if (!m) continue;
      const a = cleanAgency((m[2] && !/^(19|20)/.test(m[2]) ? m[2] : m[1]).replace(/^.*[，,。；;]/, ''));
      if (a) return a;
    }
  }
  return null;
}

export interface YearsFound {
  title: number | null;
  period: number | null;
  body: number | null;
  bodyLine: number | null;
}

/** The year reported on, by where the document states it. */
export function findYears(title: string | null, prose: Item[]): YearsFound {
  const titleYear = title ? Number(YEAR.exec(title)?.[1] ?? NaN) : NaN;
  let period: number | null = null;
  const votes = new Map<number, { n: number; line: number }>();
  // The opening pages say which year the report is on; the rest adds plans and history.
  for (const it of prose.slice(0, 150)) {
    // Every pattern below needs a 年: most lines have none, and need neither the copy nor the tests.
    if (!it.text.includes('年')) continue;
    const text = it.text.replace(/\s+/g, '');
    if (/(发布|浏览|日期|时间|来源)[:：]/.test(text)) continue;
    if (period === null) {
      const p = /((?:19|20)\d{2})年0?1月0?1日.{0,6}?(?:至|到|—|-|~)(?:\1年)?12月31日/.exec(text) ?? /截[至止]((?:19|20)\d{2})年12月31日/.exec(text);
      if (p) period = Number(p[1]);
    }
    for (const m of text.matchAll(/((?:19|20)\d{2})年(度)?/g)) {
      const y = Number(m[1]);
      const v = votes.get(y) ?? { n: 0, line: it.line };
      v.n += m[2] ? 2 : 1;
      votes.set(y, v);
    }
  }
  let body: number | null = null;
  let bodyLine: number | null = null;
  let best = 0;
  for (const [y, v] of votes) {
    if (v.n > best || (v.n === best && body !== null && y > body)) {
      best = v.n;
      body = y;
      bodyLine = v.line;
    }
  }
  return { title: Number.isNaN(titleYear) ? null : titleYear, period, body, bodyLine };
}

export function findReviewer(prose: Item[]): string | null {
  for (const it of prose) {
    const m = /审核人\s*[:：]\s*([\u4e00-\u9fff·]{2,5})/.exec(it.text);
    if (m) return m[1];
  }
  return null;
}
