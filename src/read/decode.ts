// Bytes → text: BOMs, strict UTF-8, else GB18030 (which covers GBK and GB2312, common from Windows).
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

import type { ReaderMessage } from './document.ts';

/** `messages`: bytes replaced in decoding, by line (a `reader` finding each). */
export type Decoded = { text: string; encoding: TextEncoding; messages: ReaderMessage[] } | { error: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lossy = new TextDecoder('utf-8');

/**
 * UTF-8 with a few damaged bytes (a bad sector, a cut copy) in a file that is otherwise valid
 * UTF-8 with Chinese in it: the damaged bytes are replaced by U+FFFD and named by line, rather
 * than taking the whole file for GB18030 (which turns its Chinese into nonsense) or for binary.
 * Null where the damage is not local: then the bytes are not UTF-8.
 */
function utf8WithDamage(bytes: Uint8Array): { text: string; messages: ReaderMessage[] } | null {
  const text = utf8Lossy.decode(bytes);
  const byLine = new Map<number, number>();
  let line = 1;
  let bad = 0;
  let wide = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 0xfffd) {
      bad++;
      byLine.set(line, (byLine.get(line) ?? 0) + 1);
    } else if (c >= 0x800) wide++;
  }
  // Local: a few bad sequences, with at least 50 good multi-byte characters for each.
  if (bad > Math.max(16, text.length / 1000) || wide < 50 * bad) return null;
  const messages = [...byLine].map(([n, k]): ReaderMessage => ({ severity: 'info', code: 'bytes-replaced', line: n, message: `第 ${n} 行有 ${k} 处字节不是有效的 UTF-8，已替换为「\ufffd」，该行的文字可能有缺损` }));
  return { text, messages };
}

/** Share of characters that are control characters (not tab, newline, CR, form feed): binary data. */
function controlShare(text: string): number {
  let bad = 0;
  const n = Math.min(text.length, 1 << 16);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return n ? bad / n : 0;
}

export function decodeText(bytes: Uint8Array): Decoded {
  const messages: ReaderMessage[] = [];
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const damaged = utf8WithDamage(bytes.subarray(3));
    return damaged ? { ...damaged, encoding: 'utf-8' } : { error: '文件以 UTF-8 标记开头，但内容不是 UTF-8 文本' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', messages };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', messages };
  let text: string;
  let encoding: TextEncoding = 'utf-8';
  try {
    text = utf8.decode(bytes);
  } catch {
    const damaged = utf8WithDamage(bytes);
    if (damaged) return { ...damaged, encoding };
    // Not UTF-8: GB18030 decodes every byte sequence, so judge the result.
    text = new TextDecoder('gb18030').decode(bytes);
    encoding = 'gb18030';
  }
  if (controlShare(text) > 0.01) return { error: '不是文本文件（含有二进制数据），也不是可识别的文档格式' };
  return { text, encoding, messages };
}
