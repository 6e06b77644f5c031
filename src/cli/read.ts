// Reading the command's inputs: size limits before any byte is read, one clear line per failure.
import { readFileSync, statSync } from 'node:fs';
import { MAX_BYTES, readBytes, type ReadOutcome } from '../engine.ts';
import { tooLarge } from '../read/limits.ts';

function readStdin(): Uint8Array {
  return new Uint8Array(readFileSync(0));
}

export async function readInput(file: string): Promise<ReadOutcome> {
  const name = file === '-' ? '-' : file;
  try {
    if (file !== '-') {
      const size = statSync(file).size;
      if (size > MAX_BYTES) return { ok: false, file: name, error: tooLarge(size) };
    }
    const bytes = file === '-' ? readStdin() : new Uint8Array(readFileSync(file));
    return await readBytes(bytes, name);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const reason =
      err.code === 'ENOENT' ? '文件不存在' : err.code === 'EACCES' ? '没有读取权限' : err.code === 'EISDIR' ? '这是目录' : `内部错误：${err.message}`;
    return { ok: false, file: name, error: reason };
  }
}
