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

function compact(raw: string): string {
  if (DIGITS.test(raw)) return raw;
  // NFKC turns full-width digits, signs and commas into ASCII; Chinese commas separate thousands too.
  return raw.normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, '').replace(/，/g, ',').replace(/[−–]/g, '-');
}

/** True when a cell can only be a value (a number, a placeholder or nothing), not a label. */
/** A cell opening with Chinese words (not 增/减/约/若干/无…) is a label, without normalising it. */
const WORDS = /^[\u4e00-\u9fff（(【]/;
const VALUE_WORDS = /^[增减约若不未无空暂]/;

/** Chinese characters a value cell may hold: units and the words of vague or signed numbers. */
const VALUE_CHARS = /[件个条项次宗家人份万元增加减少约余多若干不详未统计知无空暂适用]/g;
const CJK = /[\u4e00-\u9fff]/;

export function isValueLike(raw: string): boolean {
  if (DIGITS.test(raw)) return true;
  if (WORDS.test(raw) && !VALUE_WORDS.test(raw)) return false;
  // Any other Chinese word makes it a label (`1.属于国家秘密`), with no need to normalise it.
  if (CJK.test(raw) && CJK.test(raw.replace(VALUE_CHARS, ''))) return false;
  const s = compact(raw);
  if (s === '' || PLACEHOLDER.test(s) || NUMBER.test(s) || VAGUE.test(s)) return true;
  // A short mistyped number (`1O`, `3,4,`) has digits and no Chinese words; `3.其他` is a label.
  return s.length <= 8 && /\d/.test(s) && !/[\u4e00-\u9fff]/.test(s);
}

export function parseCell(raw: string, column: ColumnDef): ParsedCell {
  // Most cells are plain digits: no normalisation needed.
  if (DIGITS.test(raw) && raw !== '' && !column.unitUnstated) return { value: Number(raw), status: 'ok' };
  const s = compact(raw);
  if (s === '') return { value: null, status: 'blank' };
  if (PLACEHOLDER.test(s)) return { value: null, status: 'placeholder' };
  const m = NUMBER.exec(s);
  if (!m) return { value: null, status: 'bad' };
  const [, sign, digits, fraction, unit] = m;
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
