// Finding the six statutory sections by their headings, in any numbering style.
import { cellsOf, wordings, type SectionDef, type Template } from '../template/index.ts';
import type { Item } from './items.ts';
import { labelKey } from './normalize.ts';
import type { HeadingOrigin, SubheadingOrigin } from './source.ts';

/** `一、` `2、` `3.` `第四部分` or a bare numeral and a space, then the heading's words. */
const HEADING = /^(第[一二三四五六]部分[、:]?|[一二三四五六]\s*[、.,:]|[1-6]\s*[、.,:](?!\d)|[一二三四五六](?=\s))\s*(.+)$/;
/** Numbering of a subsection: `(一)` `(1)` `一、` `1、` `1.`. */
const SUBHEADING = /^(\((?:[一二三四五六七八九十]|\d{1,2})\)|[一二三四五六七八九十]、|\d{1,2}\s*[、.](?!\d))\s*/;
const MAX_TITLE = 30;

export interface FoundHeading extends HeadingOrigin {
  item: number;
  line: number;
}

/**
 * Text that NFKC leaves as it is: ASCII, CJK ideographs and the common Chinese punctuation (none
 * of them has a compatibility form, and none combines with its neighbour). Testing this before
 * normalising spares ICU for nearly every line (NFKC of every short line was a tenth of finding
 * the headings, profile); a test checks every character of the class against String.normalize.
 */
export const NFKC_STABLE = /^[\x00-\x7f\u4e00-\u9fff、。《》「」『』【】“”‘’]*$/;

/** `s.normalize('NFKC')`, without the call where it changes nothing. */
export const nfkc = (s: string): string => (NFKC_STABLE.test(s) ? s : s.normalize('NFKC'));

/** A heading's numbering (`一、`, `2.`, `第三部分`; '' when it has none) and its words. */
export function splitHeading(printed: string): { numbering: string; title: string } {
  const text = nfkc(printed).trim();
  const m = HEADING.exec(text);
  return m ? { numbering: m[1].trim(), title: m[2].trim() } : { numbering: '', title: text };
}

const plain = (s: string) => labelKey(s).replace(/[的。.,:;!?]/g, '');

const titleKeys = new Map<SectionDef, string[]>();

/** `key`: the title's plain key, computed once for the six sections' tests. */
function matchesSection(def: SectionDef, key: string, numbered: boolean): boolean {
  if (!key) return false;
  let keys = titleKeys.get(def);
  if (!keys) {
    keys = [def.title.official, ...(def.title.variants ?? []).map((v) => v.text)].map(plain);
    titleKeys.set(def, keys);
  }
  if (keys.includes(key)) return true;
  if (!numbered || key.length > MAX_TITLE) return false;
  return def.keywords.some((words) => words.every((w) => key.includes(w)));
}

const hintCache = new Map<Template, RegExp>();

/** Any one keyword of any section: a cheap test before the full match. */
function hints(t: Template): RegExp {
  let re = hintCache.get(t);
  if (!re) {
    const words = new Set(t.sections.flatMap((s) => [...s.keywords.flat(), ...wordings(s.title).map(plain)]));
    re = new RegExp([...words].join('|'));
    hintCache.set(t, re);
  }
  return re;
}

/** How a heading is numbered: reports number their six sections one way, subsections another. */
function styleOf(numbering: string): string {
  if (!numbering) return 'none';
  if (numbering.startsWith('第')) return 'part';
  return /^[1-6]/.test(numbering) ? 'arabic' : 'chinese';
}

/** Words after a sentence's end, or a figure: `2、主动公开信息情况。全年…` is a subsection, never a section. */
const SENTENCE = /[。；！？!?;].|\d/;

interface Candidate {
  item: number;
  style: string;
  numbering: string;
  title: string;
  /** The sections whose heading the line could be. */
  nos: number[];
}

/**
 * The six sections' headings, chosen so that they come in order and each table sits under its
 * own section: every line that could head a section is a candidate; a numbered line whose words
 * run on past a sentence or hold a figure is a subsection; and where the report numbers its
 * sections in one style (`二、`), a line of another style (`2、`) gives way to a later line of
 * the report's own style for the same section. A section that holds a table, headed by a line
 * with no number before the next candidate, gives way to a later line for it: `2、主动公开信息情况`
 * with a paragraph under it, then `3、…`, are subsections of 总体情况 when `二、` and its tables
 * follow.
 */
const tabledOf = new Map<Template, Set<number>>();
/** The sections that hold a table of the format (二, 三, 四), once per template. */
function tabledSections(template: Template): Set<number> {
  let t = tabledOf.get(template);
  if (!t) tabledOf.set(template, (t = new Set(cellsOf(template).map((c) => c.section))));
  return t;
}

export function findHeadings(items: Item[], template: Template): FoundHeading[] {
  const hint = hints(template);
  const candidates: Candidate[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (!it.alone || it.value || it.text.length > 60 || !hint.test(it.key)) continue;
    const text = nfkc(it.text).trim();
    const m = HEADING.exec(text);
    const numbering = m ? m[1].trim() : '';
    const title = m ? m[2].trim() : text;
    if (m && SENTENCE.test(title.replace(/[。.]$/, ''))) continue;
    const key = plain(title);
    const nos = template.sections.filter((def) => matchesSection(def, key, m !== null)).map((def) => def.no);
    if (nos.length) candidates.push({ item: i, style: styleOf(numbering), numbering, title, nos });
  }
  // The report's own style: the one that numbers the most sections.
  const sectionsIn = new Map<string, Set<number>>();
  for (const c of candidates) for (const no of c.nos) (sectionsIn.get(c.style) ?? sectionsIn.set(c.style, new Set()).get(c.style)!).add(no);
  let own = '';
  for (const [style, nos] of sectionsIn) if (style !== 'none' && nos.size > (sectionsIn.get(own)?.size ?? 0)) own = style;

  const tabled = tabledSections(template);
  const numberUntil = (from: number, to: number) => {
    for (let i = from + 1; i < to; i++) if (items[i].value && items[i].text !== '') return true;
    return false;
  };
  const found: FoundHeading[] = [];
  let last = 0;
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k];
    // Sections come in order; a heading for a section already passed is body text.
    const no = c.nos.find((n) => n > last);
    if (no === undefined) continue;
    const later = candidates.slice(k + 1).filter((o) => o.nos.includes(no));
    if (own && c.style !== own && later.some((o) => o.style === own)) continue;
    // Only a numbered line is an alternative: a table's caption repeats its section's title.
    if (tabled.has(no) && later.some((o) => o.style !== 'none') && !numberUntil(c.item, candidates[k + 1].item)) continue;
    const it = items[c.item];
    found.push({ no, printed: it.text, numbering: c.numbering, title: c.title, line: it.line, ...(it.page ? { page: it.page } : {}), item: c.item });
    last = no;
  }
  return found;
}

const topicKeys = new Map<Template, string[]>();
/** The last words of the format's subsection topics of 总体情况, as plain keys (once per template). */
function topicsOf(template: Template): string[] {
  let t = topicKeys.get(template);
  if (!t) topicKeys.set(template, (t = (template.sections[0].subsections ?? []).map((l) => plain(l.official).slice(-4))));
  return t;
}

/** Subsection headings of 总体情况: numbered lines that open with one of the format's subsection topics. */
export function findSubheadings(items: Item[], from: number, to: number, template: Template): SubheadingOrigin[] {
  const topics = topicsOf(template);
  const out: SubheadingOrigin[] = [];
  for (let i = from; i < to; i++) {
    const it = items[i];
    if (!it.alone || it.value) continue;
    const text = nfkc(it.text).trim();
    const m = SUBHEADING.exec(text);
    if (!m) continue;
    const opening = plain(text.slice(m[0].length, m[0].length + 16));
    if (!topics.some((t) => opening.includes(t))) continue;
    out.push({ section: 1, printed: it.text, numbering: m[1], line: it.line, ...(it.page ? { page: it.page } : {}) });
  }
  return out;
}
