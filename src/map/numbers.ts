// Reading one printed cell as a number: widths, separators, signs and units, never guessing.
import type { ColumnDef } from '../template/index.ts';
import type { CellStatus } from './source.ts';

/** What real reports print for "no value". */
const PLACEHOLDER = /^(?:[\/／\\、]|[-－—–─━~～]{1,3}|无|空|暂无|不适用|\*|×|x|X|\.)$/;
/** Words printed where a number belongs (kept as `bad`, never as a number). */
const VAGUE = /^(?:若干|不详|未统计|未知|约\d+.*|\d+余.*|\d+多.*)$/;
/** A number with an optional sign and unit: `3件`, `+1,036`, `减4`, `251000元`, `160.5964万元`. */
const NUMBER = /^(增加?|减少?|[+-])?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(件|个|条|项|次|宗|家|人次|份|万元|元)?$/;

export interface ParsedCell {
  value: number | null;
  status: CellStatus;
}

const DIGITS = /^\d*$/;
/** A count has at most 15 digits: beyond that a float cannot hold every integer exactly (2^53 ≈ 9.007e15). */
export const MAX_DIGITS = 15;

/** Spaces inside a number (`12 34`, `12\u00a034`): two numbers or a typo, never one number. */
const SPACED = /[\d.,，][\s\u00a0\u3000]+[\d.,，]/;

/**
 * A character that NFKC turns into a digit but that is not a digit a report prints: `①` → 1,
 * `¹²` → 12, `⑴`, `½`. ASCII and full-width digits are the only digits of a value cell.
 */
function oddDigit(raw: string): boolean {
  for (const ch of raw) {
    const c = ch.charCodeAt(0);
    if (c < 0x80 || (c >= 0xff10 && c <= 0xff19)) continue;
    if (/\d/.test(ch.normalize('NFKC'))) return true;
  }
  return false;
}

function compact(raw: string): string {
  if (DIGITS.test(raw)) return raw;
  // NFKC turns full-width digits, signs and commas into ASCII; Chinese commas separate thousands too.
  return raw.normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, '').replace(/，/g, ',').replace(/[−–]/g, '-');
}

/** True when a cell can only be a value (a number, a placeholder or nothing), not a label. */
/** A cell opening with Chinese words (not 增/减/约/若干/无…) is a label, without normalising it. */
const WORDS = /^[\u4e00-\u9fff（(【]/;
const VALUE_WORDS = /^[增减约若不未无空暂]/;

/**
 * A Chinese character that is none of those a value cell may hold (units and the words of vague or
 * signed numbers). One test, where removing those characters and testing what is left (a copy of
 * every label cell) cost 1.2 % of a report's time (profile).
 */
const WORD_CHAR = /(?![件个条项次宗家人份万元增加减少约余多若干不详未统计知无空暂适用])[\u4e00-\u9fff]/;

/** What a spreadsheet or a script prints in place of a number, and a bracketed number `(3)`: no label is either. */
const NOT_A_NUMBER = /^(?:NaN|null|undefined|-?Infinity|[(（][\d０-９]{1,15}[)）])$/i;

export function isValueLike(raw: string): boolean {
  if (DIGITS.test(raw)) return true;
  if (NOT_A_NUMBER.test(raw.trim())) return true;
  if (WORDS.test(raw) && !VALUE_WORDS.test(raw)) return false;
  // Any other Chinese word makes it a label (`1.属于国家秘密`), with no need to normalise it.
  if (WORD_CHAR.test(raw)) return false;
  const s = compact(raw);
  if (s === '' || PLACEHOLDER.test(s) || NUMBER.test(s) || VAGUE.test(s)) return true;
  // A short mistyped number (`1O`, `3,4,`, `١٢`) has digits and no Chinese words; `3.其他` is a label.
  // A letter O (or 〇) alone stands for a 0.
  return (s.length <= 8 && /\p{N}/u.test(s) && !/[\u4e00-\u9fff]/.test(s)) || /^[Oo〇]+$/.test(s);
}

export function parseCell(raw: string, column: ColumnDef): ParsedCell {
  // Most cells are plain digits: no normalisation needed.
  if (DIGITS.test(raw) && raw !== '' && raw.length <= MAX_DIGITS && !column.unitUnstated) return { value: Number(raw), status: 'ok' };
  const s = compact(raw);
  if (s === '') return { value: null, status: 'blank' };
  if (PLACEHOLDER.test(s)) return { value: null, status: 'placeholder' };
  const m = NUMBER.exec(s);
  if (!m || SPACED.test(raw.normalize('NFKC').trim()) || oddDigit(raw)) return { value: null, status: 'bad' };
  const [, sign, digits, fraction, unit] = m;
  if (digits.replace(/,/g, '').length + (fraction ? fraction.length - 1 : 0) > MAX_DIGITS) return { value: null, status: 'bad' };
  let value = Number(digits.replace(/,/g, '') + (fraction ?? ''));
  const negative = sign === '-' || (sign !== undefined && sign.startsWith('减'));
  if (negative) {
    if (!column.signed) return { value: null, status: 'bad' };
    value = -value;
  }
  if (column.unit === '万元') {
    if (unit === '元') return { value: round(value / 10000), status: 'converted' };
    if (unit === undefined && column.unitUnstated) return { value, status: 'unit-unstated' };
    if (unit !== undefined && unit !== '万元') return { value: null, status: 'bad' };
    return { value, status: 'ok' };
  }
  if (unit === '万元' || unit === '元' || fraction !== undefined) return { value: null, status: 'bad' };
  return { value, status: 'ok' };
}

/** Rounds away binary noise from a unit conversion (251000 / 10000 = 25.1, not 25.100000000000001). */
const round = (n: number): number => Math.round(n * 1e8) / 1e8;
