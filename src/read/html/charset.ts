// Bytes of a web page → its text, as browsers decode it: the byte-order mark, then the charset
// the page declares (html-encoding-sniffer: the HTML standard's prescan of the first 1024 bytes;
// then a <meta> the parser would meet later in the page, or an XML declaration), decoded by the
// WHATWG TextDecoder. Without a usable declaration the bytes are sniffed: strict UTF-8, else
// chardet's guess (GB18030, Big5, …). A declaration the bytes contradict (not valid in the
// declared charset but valid in another) is overruled and said as a reader message.
import chardet from 'chardet';
import sniffHtmlEncoding from 'html-encoding-sniffer';
import type { ReaderMessage } from '../document.ts';

export interface DecodedPage {
  text: string;
  /** The WHATWG name of the encoding used (`utf-8`, `gbk`, `big5`, …). */
  encoding: string;
  messages: ReaderMessage[];
}

/** The WHATWG name of an encoding label (`gb2312` → `gbk`, `x-big5` → `big5`), or null for an unknown one. */
function encodingName(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

/** Where the parser would still switch encodings: a <meta> in the first 64 KB (past the 1024-byte prescan). */
const LATE_META = 1 << 16;

/**
 * The charset a page's bytes declare, as a WHATWG encoding name, or null: a byte-order mark,
 * `<meta charset>` or `http-equiv` content in the prescan, a later `<meta>` of the head, or an
 * XML declaration's encoding.
 */
export function declaredCharset(bytes: Uint8Array): string | null {
  // html-encoding-sniffer returns the default it is given when nothing is declared.
  const none = 'none';
  const sniffed = sniffHtmlEncoding(bytes, { defaultEncoding: none });
  if (sniffed !== none) return encodingName(sniffed);
  // Latin-1 maps every byte to one character, so the ASCII markup reads whatever the encoding.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, LATE_META)).replace(/<!--[\s\S]*?-->/g, '');
  const body = head.search(/<body[\s>]/i);
  for (const m of (body > 0 ? head.slice(0, body) : head).matchAll(/<meta\b[^>]*>/gi)) {
    const c = /charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(m[0]);
    const name = c ? encodingName(c[1]) : null;
    if (name) return name === 'utf-16le' || name === 'utf-16be' ? 'utf-8' : name;
  }
  const xml = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return xml ? encodingName(xml[1]) : null;
}

/** WHATWG's gbk decoder is its gb18030 decoder: one family for comparing a guess with a declaration. */
const family = (encoding: string) => (encoding === 'gbk' ? 'gb18030' : encoding);

/** The text, when every byte is valid in the encoding; else null. */
function strict(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const hasNonAscii = (bytes: Uint8Array) => bytes.some((b) => b >= 0x80);

/** Bytes chardet judges: 64 KB from the first non-ASCII byte (a page's head is ASCII markup), so a 10 MB page costs no more. */
const SAMPLE = 1 << 16;

interface Guess {
  encoding: string;
  confidence: number;
}

/** chardet's candidates for the bytes, best first, as WHATWG names. */
function analyse(bytes: Uint8Array): Guess[] {
  const from = Math.max(0, bytes.findIndex((b) => b >= 0x80));
  const out: Guess[] = [];
  for (const m of chardet.analyse(bytes.subarray(from, from + SAMPLE))) {
    const encoding = encodingName(m.name);
    if (encoding && !out.some((o) => o.encoding === encoding)) out.push({ encoding, confidence: m.confidence });
  }
  return out;
}

/** The best candidate that decodes every byte without an error. */
function bestValid(bytes: Uint8Array, guesses: Guess[]): (Guess & { text: string }) | null {
  for (const g of guesses) {
    const text = strict(bytes, g.encoding);
    if (text !== null) return { ...g, text };
  }
  return null;
}

/** 1-based line of the page's charset declaration, for the message; 1 when there is none. */
function declarationLine(text: string): number {
  const at = text.search(/charset|encoding\s*=/i);
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

/** Chardet's confidence (0–100) needed to overrule a declaration the bytes do not contradict. */
const OVERRULE = 80;

export function decodeHtml(bytes: Uint8Array): DecodedPage {
  const declared = declaredCharset(bytes);
  const bom = (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (bom && declared) return { text: new TextDecoder(declared).decode(bytes), encoding: declared, messages: [] };
  if (!hasNonAscii(bytes)) return { text: new TextDecoder('utf-8').decode(bytes), encoding: declared ?? 'utf-8', messages: [] };

  const utf8 = strict(bytes, 'utf-8');
  const mismatch = (encoding: string, text: string): DecodedPage => ({
    text,
    encoding,
    messages: [
      {
        severity: 'warning',
        code: 'charset-mismatch',
        message: `网页声明的编码为 ${declared}，但其字节不是该编码，按 ${encoding} 解码`,
        line: declarationLine(text),
      },
    ],
  });

  if (declared) {
    const asDeclared = strict(bytes, declared);
    // Multi-byte UTF-8 is all but never valid by chance: it overrules a legacy declaration.
    if (declared !== 'utf-8' && utf8 !== null) return mismatch('utf-8', utf8);
    if (asDeclared !== null) {
      // Big5 bytes are valid GBK too (and the other way round, mostly): let chardet judge, but only when it is sure.
      const guesses = analyse(bytes);
      const own = guesses.find((g) => family(g.encoding) === family(declared))?.confidence ?? 0;
      const best = guesses[0];
      if (best && family(best.encoding) !== family(declared) && declared !== 'utf-8' && best.confidence >= OVERRULE && own < best.confidence / 2) {
        const text = strict(bytes, best.encoding);
        if (text !== null) return mismatch(best.encoding, text);
      }
      return { text: asDeclared, encoding: declared, messages: [] };
    }
    const other = bestValid(bytes, analyse(bytes));
    if (other) return mismatch(other.encoding, other.text);
    return withReplacement(bytes, declared);
  }

  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', messages: [] };
  const best = bestValid(bytes, analyse(bytes));
  if (best) {
    return {
      text: best.text,
      encoding: best.encoding,
      messages: [{ severity: 'info', code: 'charset-guessed', message: `网页没有声明编码，按其字节判断为 ${best.encoding} 解码`, line: 1 }],
    };
  }
  // A Chinese page's default (the HTML standard's for the zh-CN locale), with what fails replaced.
  return withReplacement(bytes, 'gbk');
}

/** Decodes with U+FFFD for what is not valid, and says where the first replacement is. */
function withReplacement(bytes: Uint8Array, encoding: string): DecodedPage {
  const text = new TextDecoder(encoding).decode(bytes);
  const at = text.indexOf('\ufffd');
  let n = 0;
  for (let i = at; i >= 0; i = text.indexOf('\ufffd', i + 1)) n++;
  const line = text.slice(0, Math.max(at, 0)).split('\n').length;
  return {
    text,
    encoding,
    messages: n ? [{ severity: 'warning', code: 'bytes-replaced', message: `网页有 ${n} 处字节无法按 ${encoding} 解码，已替换为「\ufffd」（第一处在第 ${line} 行）`, line }] : [],
  };
}
