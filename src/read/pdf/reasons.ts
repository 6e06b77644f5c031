// Why pdfjs could not read a PDF, in one Chinese sentence: for the PDF reader's own catches and for
// an exception that escapes it to the worker (src/read/failures.ts), so both say the same.

/**
 * One Chinese sentence for an error of pdfjs, whose own messages are English internals
 * (`FormatError: Bad encoding in flate stream`, `Invalid PDF structure.`): named by its kind.
 */
export function pdfReason(e: unknown, page?: number): string {
  const err = (e ?? {}) as { name?: string; message?: string; details?: string };
  const what = `${err.name ?? ''} ${err.message ?? ''} ${err.details ?? ''}`;
  const where = page !== undefined ? `第 ${page} 页` : '';
  if (err.name === 'PasswordException' || /password|encrypt/i.test(what)) return 'PDF 文件已加密，需要密码';
  if (err.name === 'InvalidPDFException' || /Invalid PDF structure|No PDF header/i.test(what)) return '不是有效的 PDF 文件（文件结构无法识别）';
  if (/flate|stream|decod|encoding|ccitt|jbig|dct|lzw/i.test(what)) return `PDF 文件已损坏：${where}的内容数据无法解压（数据被截断或损坏）`;
  if (/xref|trailer|startxref|object|dictionary/i.test(what)) return 'PDF 文件已损坏：交叉引用表或对象结构有误';
  if (/font|cmap|glyph/i.test(what)) return `PDF 文件${where}的字体数据损坏，文字无法读取`;
  return `PDF 文件已损坏，${where || '其内容'}无法读取`;
}

/** The exception classes pdfjs throws on a damaged or unreadable file. */
export const isPdfjsError = (e: unknown): boolean =>
  e instanceof Error && /^(FormatError|UnknownErrorException|InvalidPDFException|MissingPDFException|UnexpectedResponseException|AbortException|PasswordException)$/.test(e.name);
