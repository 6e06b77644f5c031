// Bytes → text: BOMs, strict UTF-8, else GB18030 (which covers GBK and GB2312, common from Windows).
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type Decoded = { text: string; encoding: TextEncoding } | { error: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

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
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: utf8.decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  let text: string;
  let encoding: TextEncoding = 'utf-8';
  try {
    text = utf8.decode(bytes);
  } catch {
    // Not UTF-8: GB18030 decodes every byte sequence, so judge the result.
    text = new TextDecoder('gb18030').decode(bytes);
    encoding = 'gb18030';
  }
  if (controlShare(text) > 0.01) return { error: '不是文本文件（含有二进制数据），也不是可识别的文档格式' };
  return { text, encoding };
}
