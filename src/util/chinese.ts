// Character-level normalisation of Chinese text for matching: Traditional → Simplified (opencc-js),
// full-width → half-width (NFKC), and one spelling for brackets, numbering and quotes.
import * as OpenCC from 'opencc-js';

let converter: ((s: string) => string) | null = null;
let traditional: Uint8Array | null = null;
const BASE = 0x4e00;

/** Characters that OpenCC's Traditional→Simplified conversion changes, to skip it on Simplified text. */
function traditionalChars(): Uint8Array {
  if (!traditional) {
    const convert = getConverter();
    traditional = new Uint8Array(0x9fff - BASE + 1);
    // Probe the CJK Unified Ideographs block once; about 20k characters, a few milliseconds.
    let probe = '';
    for (let cp = 0x4e00; cp <= 0x9fff; cp++) probe += String.fromCodePoint(cp);
    const out = convert(probe);
    const a = [...probe];
    const b = [...out];
    if (a.length === b.length) {
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) traditional[a[i].charCodeAt(0) - BASE] = 1;
    }
  }
  return traditional;
}

function getConverter(): (s: string) => string {
  const c = converter ?? OpenCC.Converter({ from: 'tw', to: 'cn' });
  converter = c;
  return c;
}

/** True when the text holds a character that has a different Simplified form. */
export function hasTraditional(text: string): boolean {
  const map = traditionalChars();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - BASE;
    if (c >= 0 && c < map.length && map[c]) return true;
  }
  return false;
}

/** Traditional → Simplified, only where the text needs it (the converter is the slow part). */
export function toSimplified(text: string): string {
  return hasTraditional(text) ? getConverter()(text) : text;
}
