// Finding the six statutory sections by their headings, in any numbering style.
import { wordings, type SectionDef, type Template } from '../template/index.ts';
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

/** A heading's numbering (`一、`, `2.`, `第三部分`; '' when it has none) and its words. */
export function splitHeading(printed: string): { numbering: string; title: string } {
  const text = printed.normalize('NFKC').trim();
  const m = HEADING.exec(text);
  return m ? { numbering: m[1].trim(), title: m[2].trim() } : { numbering: '', title: text };
}

const plain = (s: string) => labelKey(s).replace(/[的。.,:;!?]/g, '');

const titleKeys = new Map<SectionDef, string[]>();

function matchesSection(def: SectionDef, title: string, numbered: boolean): boolean {
  const key = plain(title);
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

export function findHeadings(items: Item[], template: Template): FoundHeading[] {
  const found: FoundHeading[] = [];
  let last = 0;
  const hint = hints(template);
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (!it.alone || it.value || it.text.length > 60 || !hint.test(it.key)) continue;
    const text = it.text.normalize('NFKC').trim();
    const m = HEADING.exec(text);
    const numbering = m ? m[1].trim() : '';
    const title = m ? m[2].trim() : text;
    // Sections come in order; a heading for a section already passed is body text.
    for (const def of template.sections) {
      if (def.no <= last) continue;
      if (!matchesSection(def, title, m !== null)) continue;
      found.push({ no: def.no, printed: it.text, numbering, title, line: it.line, ...(it.page ? { page: it.page } : {}), item: i });
      last = def.no;
      break;
    }
  }
  return found;
}

/** Subsection headings of 总体情况: numbered lines that open with one of the format's subsection topics. */
export function findSubheadings(items: Item[], from: number, to: number, template: Template): SubheadingOrigin[] {
  const topics = (template.sections[0].subsections ?? []).map((l) => plain(l.official).slice(-4));
  const out: SubheadingOrigin[] = [];
  for (let i = from; i < to; i++) {
    const it = items[i];
    if (!it.alone || it.value) continue;
    const text = it.text.normalize('NFKC').trim();
    const m = SUBHEADING.exec(text);
    if (!m) continue;
    const opening = plain(text.slice(m[0].length, m[0].length + 16));
    if (!topics.some((t) => opening.includes(t))) continue;
    out.push({ section: 1, printed: it.text, numbering: m[1], line: it.line, ...(it.page ? { page: it.page } : {}) });
  }
  return out;
}
