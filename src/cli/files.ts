// Command-line arguments → the files to read: files, directories (recursively), globs and `-`.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { readReason } from '../util/errno.ts';

/** Extensions of files a directory contributes: report documents, not gold files or data. */
export const REPORT_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.pdf', '.docx', '.doc', '.wps', '.png', '.jpg', '.jpeg', '.tif', '.tiff'];

export interface Inputs {
  /** Paths in the order given (directories and globs sorted), without duplicates; `-` is standard input. */
  files: string[];
  /** One message per argument that named nothing readable. */
  errors: { arg: string; message: string }[];
}

const isReport = (name: string) => REPORT_EXTENSIONS.some((e) => name.toLowerCase().endsWith(e));

/** The real path, where there is one (a broken link has none). */
function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** Files of a directory tree; symbolic links are followed (a broken one is kept, to be reported), each real directory once. */
function walk(dir: string, out: string[], seen = new Set([real(dir)])) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const st = statSync(p, { throwIfNoEntry: false });
      isDir = !!st?.isDirectory();
      isFile = !st || st.isFile();
    }
    if (isDir) {
      const r = real(p);
      if (seen.has(r)) continue;
      seen.add(r);
      walk(p, out, seen);
    } else if (isFile && isReport(entry.name)) out.push(p);
  }
}

export function expandInputs(args: string[]): Inputs {
  const files: string[] = [];
  const errors: Inputs['errors'] = [];
  for (const arg of args) {
    if (arg === '-') {
      files.push('-');
      continue;
    }
    let stat;
    let failure: unknown = null;
    try {
      stat = statSync(arg);
    } catch (e) {
      stat = null;
      failure = e;
    }
    if (stat?.isDirectory()) {
      const found: string[] = [];
      walk(arg, found);
      if (!found.length) errors.push({ arg, message: '目录中没有可读取的报告文件' });
      files.push(...found);
    } else if (stat) {
      files.push(arg);
    } else if (isDynamicPattern(arg)) {
      const found = globSync(arg, { onlyFiles: true }).sort();
      if (!found.length) errors.push({ arg, message: '没有匹配的文件' });
      files.push(...found);
    } else {
      errors.push({ arg, message: readReason(failure) });
    }
  }
  // Each real file once: a link to a file given too, or a `**` glob through a link loop.
  const reals = new Set<string>();
  const unique = files.filter((f) => {
    const r = f === '-' ? f : real(f);
    if (reals.has(r)) return false;
    reals.add(r);
    return true;
  });
  return { files: unique, errors };
}
