// Why a file could not be read or written, in one Chinese phrase: the one table of Node's error
// codes for every input (the batch road's reader, render, sum) and every file the command writes.

/** Code → [reading, writing]. */
const REASONS: Record<string, [string, string]> = {
  ENOENT: ['文件不存在', '目录不存在'],
  EACCES: ['没有读取权限', '没有写入权限'],
  EPERM: ['没有读取权限', '没有写入权限'],
  EISDIR: ['这是目录', '这是目录'],
  ENOTDIR: ['路径中有一段不是目录', '路径中有一段不是目录'],
  ELOOP: ['符号链接循环', '符号链接循环'],
  ENAMETOOLONG: ['文件名过长', '文件名过长'],
  EMFILE: ['同时打开的文件过多', '同时打开的文件过多'],
  ENFILE: ['同时打开的文件过多', '同时打开的文件过多'],
  ENOSPC: ['磁盘空间不足', '磁盘空间不足'],
  EROFS: ['文件系统只读', '文件系统只读'],
};

const codeOf = (e: unknown): string | undefined => (e as { code?: unknown } | null)?.code as string | undefined;

/** Why a file could not be read: `文件不存在`, or `无法读取（EIO）` for a code without words of its own. */
export function readReason(e: unknown): string {
  const code = codeOf(e);
  return (code && REASONS[code]?.[0]) || `无法读取（${code ?? '未知原因'}）`;
}

/** Why a file could not be written: `无法写入（目录不存在）`, never Node's English. */
export function writeReason(e: unknown): string {
  const code = codeOf(e);
  return `无法写入（${(code && REASONS[code]?.[1]) || code || '未知原因'}）`;
}
