// What every command shares: reading the inputs (one line per failure, the others go on), checking
// them together, and writing data to stdout and messages to stderr.
import type { ReadReport } from '../check/rule.ts';
import { expandInputs } from './files.ts';
import { readInput } from './read.ts';
import { progress } from './progress.ts';

export const say = (line: string) => process.stderr.write(`xxgk: ${line}\n`);

export interface Loaded {
  reads: (ReadReport & { file: string })[];
  failed: number;
}

/** Reads every input; each failure is one line on stderr and the others go on. */
export async function load(args: string[]): Promise<Loaded> {
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

