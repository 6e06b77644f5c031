// Command-line arguments → the files to read: files, directories (recursively), globs and `-`.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';

/** Extensions of files a directory contributes: report documents, not gold files or data. */
export const REPORT_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.pdf', '.docx', '.doc', '.wps', '.png', '.jpg', '.jpeg', '.tif', '.tiff'];

export interface Inputs {
  /** Paths in the order given (directories and globs sorted), without duplicates; `-` is standard input. */
  files: string[];
  /** One message per argument that named nothing readable. */
  errors: { arg: string; message: string }[];
}

const isReport = (name: string) => REPORT_EXTENSIONS.some((e) => name.toLowerCase().endsWith(e));

function walk(dir: string, out: string[]) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (entry.isFile() && isReport(entry.name)) out.push(p);
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
    try {
      stat = statSync(arg);
    } catch {
      stat = null;
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
      errors.push({ arg, message: '文件不存在' });
    }
  }
  return { files: [...new Set(files)], errors };
}
