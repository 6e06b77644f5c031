// What every command shares: reading the inputs (one line per failure, the others go on), checking
// them together, writing data to stdout (or a file) and messages to stderr, findings linter style.
import { existsSync, writeFileSync } from 'node:fs';
import type { ReadReport } from '../map/source.ts';
import { writeReason } from '../util/errno.ts';
import type { Diagnostic, Report, Severity } from '../model/report.ts';
import type { WriteOptions } from '../write/grid.ts';
import type { DocumentFormat } from '../write/index.ts';

export const say = (line: string) => process.stderr.write(`xxgk: ${line}\n`);

export interface Loaded {
  reads: (ReadReport & { file: string })[];
  failed: number;
}

/** Reads every input; each failure is one line on stderr and the others go on. */
export async function load(args: string[]): Promise<Loaded> {
  // Loaded here, not at start-up: `xxgk --help` needs none of the readers.
  const [{ expandInputs }, { readInput }, { progress }] = await Promise.all([import('./files.ts'), import('./read.ts'), import('./progress.ts')]);
  const { files, errors } = expandInputs(args.length ? args : ['-']);
  let failed = errors.length;
  for (const e of errors) say(`${e.arg}: ${e.message}`);
  const reads: Loaded['reads'] = [];
  const bar = progress(files.length);
  for (const file of files) {
    const r = await readInput(file);
    bar.tick(file);
    if (r.ok) reads.push({ report: r.report, source: r.source, file });
    else {
      failed++;
      bar.interrupt(() => say(`${r.file}: ${r.error}`));
    }
  }
  bar.stop();
  return { reads, failed };
}

export async function checked(reads: Loaded['reads'], rules?: string[]): Promise<void> {
  const { check } = await import('../engine.ts');
  for (const r of reads) {
    const others = reads.filter((o) => o !== r);
    r.report.diagnostics = check(r, others, rules ? { rules } : undefined);
  }
}

export function output(text: string) {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}


const SEVERITY_ZH: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

/** The last line of `check` and `sum`: how many findings of each severity, then what was done (`检查了 3 份报告`). */
export function findingsSummary(counts: Record<Severity, number>, done: string): string {
  const { error, warning, info } = counts;
  return `共 ${error + warning + info} 个问题（${error} 个错误，${warning} 个警告，${info} 个提示），${done}`;
}

/** One finding as `check` prints it: where (page, line), severity, message, rule, model path. */
export function findingLine(d: Pick<Diagnostic, 'severity' | 'line' | 'page' | 'message' | 'rule' | 'path'>): string {
  const at = `${d.page !== undefined ? `第${d.page}页 ` : ''}${d.line ?? '-'}`;
  return `  ${at.padEnd(8)} ${SEVERITY_ZH[d.severity]}  ${d.message}  ${d.rule}  ${d.path}`;
}

const FORMAT_NAMES: Record<DocumentFormat, string> = { json: 'JSON', md: 'Markdown', html: 'HTML', docx: 'DOCX', pdf: 'PDF' };

/** Why DOCX or PDF bytes may not go where they would (a terminal, without -o); null where they may. */
export function binaryToTerminal(format: DocumentFormat, file: string | undefined, example: string): string | null {
  if (file || (format !== 'docx' && format !== 'pdf') || !process.stdout.isTTY) return null;
  return `${FORMAT_NAMES[format]} 是二进制文件，不能输出到终端；请用 -o 指定输出文件（如 -o ${example}.${format}），或重定向到文件（> ${example}.${format}）`;
}

const exists = (file: string) => `${file} 已存在；用 --force 覆盖，或换一个文件名`;

/** Every command that writes a file (-o) refuses to overwrite one without --force: the line to say, else null. */
export function refuseOverwrite(file: string | undefined, force: boolean | undefined): string | null {
  return file && !force && existsSync(file) ? exists(file) : null;
}

/**
 * Renders `report` as `format` into the file `file` names, or to stdout; the line to say where that
 * failed, else null. An existing file is overwritten only with `force` (checked again as the file
 * is opened, for one made meanwhile).
 */
export async function writeDocument(report: Report, format: DocumentFormat, file: string | undefined, opts: WriteOptions = {}, force = false): Promise<string | null> {
  const { renderReport } = await import('../write/index.ts');
  let data: string | Uint8Array;
  try {
    data = await renderReport(report, format, opts);
  } catch (e) {
    return `生成 ${FORMAT_NAMES[format]} 失败：${(e as Error).message}`;
  }
  if (!file) {
    if (typeof data === 'string') output(data);
    else process.stdout.write(data);
    return null;
  }
  try {
    writeFileSync(file, data, { flag: force ? 'w' : 'wx' });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EEXIST') return exists(file);
    return `${file}: ${writeReason(err)}`;
  }
  say(`已写入 ${file}（${FORMAT_NAMES[format]}）`);
  return null;
}
