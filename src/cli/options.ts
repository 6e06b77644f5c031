// The options of the commands that write a report (new, render, sum), declared once so that they
// are the same everywhere: -a/--agency, -y/--year, -t/--to, -o/--output, --force, --template; and
// how they are checked (in the action, not by Commander, so that a mistake is one Chinese line and
// exit 2).
import { extname } from 'node:path';
import { Option } from 'commander';
import { DOCUMENT_FORMATS, formatOfFile, type DocumentFormat } from '../write/formats.ts';
import { say } from './io.ts';

/** Thrown for what the user can fix: one line on stderr, exit 2. */
export class UsageError extends Error {}

/** Runs an action; a UsageError is one line and exit 2. */
export const run =
  <A extends unknown[]>(action: (...args: A) => Promise<void>) =>
  async (...args: A): Promise<void> => {
    try {
      await action(...args);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      say(e.message);
      process.exitCode = 2;
    }
  };

export interface OutputOptions {
  to?: string;
  output?: string;
  force?: boolean;
}

export const agencyOption = (what: string) => new Option('-a, --agency <机关>', `${what}（必填）`);
export const yearOptionFlag = (what: string) => new Option('-y, --year <年度>', `${what}（必填）`);
export const toOption = () => new Option('-t, --to <格式>', `输出格式：${DOCUMENT_FORMATS.join('、')}（缺省时按 -o 的扩展名判断）`);
export const outputOption = (what: string) => new Option('-o, --output <文件>', what);
export const forceOption = () => new Option('--force', '输出文件已存在时覆盖');

/** The agency given, trimmed; refused where missing. */
export function agencyOf(v: string | undefined, example: string): string {
  const agency = v?.trim();
  if (!agency) throw new UsageError(`缺少 --agency：请给出报告机关名称，如 --agency ${example}`);
  return agency;
}

/** `--year`: four digits, from 2019 (the national format) to this year. */
export function yearOf(v: string | undefined): number {
  const now = new Date().getFullYear();
  if (v === undefined) throw new UsageError(`缺少 --year：请给出报告的年度，如 --year ${now - 1}`);
  if (!/^\s*\d{4}\s*$/.test(v)) throw new UsageError(`--year ${v} 不是年份：应为四位数字，如 --year ${now - 1}`);
  const year = Number(v);
  if (year < 2019) throw new UsageError(`--year ${year}：全国统一格式自 2019 年度起施行，不支持更早的年度`);
  if (year > now) throw new UsageError(`--year ${year}：年度不能晚于今年（${now} 年）`);
  return year;
}

/** `--template`: 2021 or 2019, or not given. */
export function templateOf(v: string | undefined): '2021' | '2019' | undefined {
  if (v !== undefined && v !== '2021' && v !== '2019') throw new UsageError(`--template ${v}：只有 2021 和 2019 两版格式`);
  return v;
}

/** The format to write: --to, else the extension of -o, else `fallback` (null: the user must say). */
export function formatOf(opts: OutputOptions, fallback: DocumentFormat | null): DocumentFormat {
  const ext = opts.output ? extname(opts.output).toLowerCase() : '';
  const byExt = opts.output ? formatOfFile(opts.output) : undefined;
  if (opts.to !== undefined) {
    if (!(DOCUMENT_FORMATS as readonly string[]).includes(opts.to)) throw new UsageError(`--to ${opts.to}：不支持的格式，可选 ${DOCUMENT_FORMATS.join('、')}`);
    if (byExt && byExt !== opts.to) throw new UsageError(`--to ${opts.to} 与输出文件 ${opts.output} 的扩展名 ${ext} 不符；请改用 .${opts.to} 或去掉 --to`);
    return opts.to as DocumentFormat;
  }
  if (byExt) return byExt;
  if (opts.output && fallback === null) throw new UsageError(`无法从输出文件名 ${opts.output} 判断格式；请用 --to 指定（${DOCUMENT_FORMATS.join('、')}）`);
  if (fallback === null) throw new UsageError(`请用 --to 指定输出格式（${DOCUMENT_FORMATS.join('、')}），或用 -o 给出带扩展名的文件名`);
  return fallback;
}
