// Keys for matching printed labels against the template: one spelling for width, spacing,
// brackets, quotes and list numbering. Traditional characters are converted before this
// (once per document, in the engine), so keys are Simplified.
import { detached } from '../util/strings.ts';

const OPEN = /[【\[〔［﹝{｛]/g;
const CLOSE = /[】\]〕］﹞}｝]/g;
const QUOTES = /[“”"‘’'「」『』〝〞]/g;
const SPACE = /[\s\u00a0\u3000\u200b]+/g;

/** Characters NFKC changes that labels use: full-width forms, enclosed numerals (㈠ ①), ideographic space. */
const NEEDS_NFKC = /[\uff00-\uffef\u3200-\u32ff\u2460-\u24ff\u2150-\u218f\u3000]/;

/**
 * Pinyin printed after characters by Traditional-character mirror sites: `區(qū)`, `項(xiàng)`,
 * `處理決定數(shù)量`. Lower-case Latin letters with at least one tone mark, in brackets right after
 * a CJK character; a bracket after a digit or holding plain letters (`(APP)`, `(2)`) is text.
 */
const PINYIN = /(?<=[\u3400-\u9fff\uf900-\ufaff])[(（]\s*(?=[a-zü\u00e0-\u00fc\u0100-\u01dc\s]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ])[a-zü\u00e0-\u00fc\u0100-\u01dc]+(?:\s+[a-zü\u00e0-\u00fc\u0100-\u01dc]+)*\s*[)）]/g;

/** The text without pinyin annotations; applied once by the mapper to every cell of every reader. */
export function dropPinyin(text: string): string {
  return text.includes('(') || text.includes('（') ? text.replace(PINYIN, '') : text;
}

const keyMemo = new Map<string, string>();

/** The matching key of a printed label. Labels recur in every report, so keys are remembered (bounded). */
export function labelKey(text: string): string {
  let k = keyMemo.get(text);
  if (k === undefined) {
    k = computeKey(text);
    if (keyMemo.size > 50_000) keyMemo.clear();
    // Copies: the text is often a slice of its whole document (util/strings.ts).
    k = detached(k);
    keyMemo.set(k === text ? k : detached(text), k);
  }
  return k;
}

function computeKey(text: string): string {
  let k = (NEEDS_NFKC.test(text) ? text.normalize('NFKC') : text).replace(SPACE, '');
  k = k.replace(OPEN, '(').replace(CLOSE, ')').replace(QUOTES, '');
  // `1、` and `1．` are the same numbering as `1.`
  k = k.replace(/^(\d{1,2})[、.,]/, '$1.');
  // `一.` / `一,` are the same numbering as `一、`
  k = k.replace(/^([一二三四五六七八九十])[.,]/, '$1、');
  return k.replace(/[。:;|,、.]+$/, '');
}

const NUMBERING = /^(?:\((?:[一二三四五六七八九十]{1,2}|\d{1,2})\)|[一二三四五六七八九十]{1,2}、|\d{1,2}\.(?!\d))/;

/** The numbering a key starts with (`(三)`, `三、`, `2.`), or ''. */
export function numberingOf(key: string): string {
  return NUMBERING.exec(key)?.[0] ?? '';
}

/** A key without its leading numbering: `(三)不予公开` → `不予公开`. */
export function coreOf(key: string): string {
  return key.slice(numberingOf(key).length);
}

/** `三、本年度办理结果三、本年度办理结果` (a merged cell written twice) → `三、本年度办理结果`. */
export function undouble(key: string): string {
  const half = key.length / 2;
  return Number.isInteger(half) && half > 1 && key.slice(0, half) === key.slice(half) ? key.slice(0, half) : key;
}

/** Drops a trailing parenthetical note: `规章(设区的市…提供相关数据)` → `规章`. */
export function withoutNote(key: string): string {
  // Most keys end in no bracket: no regex for them (called for every cell by detectVersion).
  if (key.charCodeAt(key.length - 1) !== 0x29) return key;
  const m = /^(.+?)\([^()]*\)$/.exec(key);
  return m ? m[1] : key;
}

/** Similarity of two keys by their longest common subsequence, 0–1. Keys are short (< 60 chars). */
export function similarity(a: string, b: string): number {
  if (!a.length || !b.length) return 0;
  const prev = new Uint16Array(b.length + 1);
  const cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    prev.set(cur);
  }
  return (2 * prev[b.length]) / (a.length + b.length);
}
