// Character-level normalisation of Chinese text for matching: Traditional → Simplified (opencc-js),
// full-width → half-width (NFKC), and one spelling for brackets, numbering and quotes.
import * as OpenCC from 'opencc-js';

let converter: ((s: string) => string) | null = null;
let traditional: Set<string> | null = null;

/** Characters that OpenCC's Traditional→Simplified conversion changes, to skip it on Simplified text. */
function traditionalChars(): Set<string> {
  if (!traditional) {
    const convert = getConverter();
    traditional = new Set();
    // Probe the CJK Unified Ideographs block once; about 20k characters, a few milliseconds.
    let probe = '';
    for (let cp = 0x4e00; cp <= 0x9fff; cp++) probe += String.fromCodePoint(cp);
    const out = convert(probe);
    const a = [...probe];
    const b = [...out];
    if (a.length === b.length) {
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) traditional.add(a[i]);
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
  const set = traditionalChars();
  for (const ch of text) if (ch.charCodeAt(0) >= 0x4e00 && set.has(ch)) return true;
  return false;
}

/** Traditional → Simplified, only where the text needs it (the converter is the slow part). */
export function toSimplified(text: string): string {
  return hasTraditional(text) ? getConverter()(text) : text;
}
