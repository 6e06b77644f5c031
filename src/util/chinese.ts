// Character-level normalisation of Chinese text for matching: Traditional → Simplified (opencc-js),
// full-width → half-width (NFKC), and one spelling for brackets, numbering and quotes.
import * as OpenCC from 'opencc-js';
import { TRADITIONAL_BITS } from './traditional-table.ts';

let converter: ((s: string) => string) | null = null;
const BASE = 0x4e00;
const LAST = 0x9fff;

function getConverter(): (s: string) => string {
  const c = converter ?? OpenCC.Converter({ from: 'tw', to: 'cn' });
  converter = c;
  return c;
}

/**
 * The characters of U+4E00–U+9FFF that OpenCC's Traditional→Simplified conversion changes, one bit
 * each, found by converting the whole block once (a few tens of milliseconds). The reader uses the
 * table generated from this (traditional-table.ts, by scripts/traditional-table.ts), which a test
 * compares with this probe.
 */
export function probeTraditional(): Uint8Array {
  const bits = new Uint8Array(Math.ceil((LAST - BASE + 1) / 8));
  let probe = '';
  for (let cp = BASE; cp <= LAST; cp++) probe += String.fromCodePoint(cp);
  const a = [...probe];
  const b = [...getConverter()(probe)];
  if (a.length !== b.length) throw new Error('opencc-js changed the length of the CJK block: the probe needs another method');
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) bits[i >> 3] |= 1 << (i & 7);
  return bits;
}

let table: Uint8Array | null = null;

/** True when the text holds a character that has a different Simplified form. */
export function hasTraditional(text: string): boolean {
  const bits = (table ??= new Uint8Array(Buffer.from(TRADITIONAL_BITS, 'base64')));
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - BASE;
    if (c >= 0 && c <= LAST - BASE && bits[c >> 3] & (1 << (c & 7))) return true;
  }
  return false;
}

/** Traditional → Simplified, only where the text needs it (the converter is the slow part). */
export function toSimplified(text: string): string {
  return hasTraditional(text) ? getConverter()(text) : text;
}
