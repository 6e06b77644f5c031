// `xxgk check` and `xxgk parse` over many files: the batch road (src/batch), with each result
// written as it comes, in input order, and a progress bar on a terminal.
import type { Diagnostic, Severity } from '../model/report.ts';
import type { BatchResult, BatchTask } from '../batch/index.ts';
import type { Format } from '../write/formats.ts';
import type { Inputs } from './files.ts';
import { findingLine, findingsSummary, say } from './io.ts';

/** Writes to stdout, waiting when the pipe is full, so that memory stays flat. */
function write(text: string): void | Promise<void> {
  if (process.stdout.write(text)) return;
  return new Promise((resolve) => process.stdout.once('drain', resolve));
}

export interface BatchRun {
  /** Inputs that could not be read (arguments that named nothing included). */
  failed: number;
  read: number;
  counts: Record<Severity, number>;
}

/** The files the arguments name (none: standard input). */
async function inputsOf(args: string[]): Promise<Inputs> {
  return (await import('./files.ts')).expandInputs(args.length ? args : ['-']);
}

/** Runs `task` over the inputs; `print` gets every report read, in order. */
async function run({ files, errors }: Inputs, task: BatchTask, jobs: number | undefined, print: (r: Extract<BatchResult, { ok: true }>, first: boolean) => void | Promise<void>): Promise<BatchRun> {
  const [{ runBatch }, { progress }] = await Promise.all([import('../batch/index.ts'), import('./progress.ts')]);
  const out: BatchRun = { failed: errors.length, read: 0, counts: { error: 0, warning: 0, info: 0 } };
  for (const e of errors) say(`${e.arg}: ${e.message}`);
  const bar = progress(files.length);
  await runBatch(
    files,
    task,
    async (r) => {
      bar.tick(r.file);
      if (!r.ok) {
        out.failed++;
        return bar.interrupt(() => say(`${r.file}: ${r.error}`));
      }
      for (const d of r.diagnostics) out.counts[d.severity]++;
      await print(r, out.read++ === 0);
    },
    { jobs },
  );
  bar.stop();
  return out;
}

export async function checkFiles(args: string[], opts: { format: 'text' | 'json'; rule?: string[]; quiet?: boolean; jobs?: number }): Promise<BatchRun> {
  const keep = (ds: Diagnostic[]) => (opts.quiet ? ds.filter((d) => d.severity === 'error') : ds);
  const res = await run(await inputsOf(args), { kind: 'check', rules: opts.rule }, opts.jobs, (r, first) => {
    r.diagnostics = keep(r.diagnostics);
    if (opts.format === 'json') {
      const item = JSON.stringify({ file: r.file, diagnostics: r.diagnostics }, null, 2).replace(/^/gm, '  ');
      return write(`${first ? '[\n' : ',\n'}${item}`);
    }
    if (!r.diagnostics.length) return;
    return write(`${[r.file, ...r.diagnostics.map(findingLine), ''].join('\n')}\n`);
  });
  if (opts.quiet) res.counts.warning = res.counts.info = 0;
  if (opts.format === 'json') await write(res.read ? '\n]\n' : '[]\n');
  else await write(`${findingsSummary(res.counts, `检查了 ${res.read} 份报告${res.failed ? `，${res.failed} 个无法读取` : ''}`)}\n`);
  return res;
}

/** Separators between reports, per format; CSV has its header once. */
const BETWEEN: Record<Format, string> = { json: ',\n', ndjson: '', md: '\n---\n\n', html: '\n', csv: '' };

const indent = (json: string) => json.replace(/^/gm, '  ');

export async function parseFiles(args: string[], opts: { format: Format; jobs?: number }): Promise<BatchRun> {
  // JSON: one report read is the report itself; more are an array. The first is held until a second comes.
  let held: string | null = null;
  let last = '';
  const res = await run(await inputsOf(args), { kind: 'parse', format: opts.format }, opts.jobs, async (r, first) => {
    let chunk = r.chunk ?? '';
    // Carry-over found across the batch: the report's diagnostics gain it (the other formats do not print diagnostics).
    if ((opts.format === 'json' || opts.format === 'ndjson') && r.diagnostics.some((d) => d.rule === 'carry-over')) {
      const model = JSON.parse(chunk);
      model.diagnostics = r.diagnostics;
      chunk = opts.format === 'ndjson' ? `${JSON.stringify(model)}\n` : JSON.stringify(model, null, 2);
    }
    if (opts.format === 'json') {
      if (first) return void (held = chunk);
      const head = held !== null ? `[\n${indent(held)}` : '';
      held = null;
      return write(`${head},\n${indent(chunk)}`);
    }
    let head = first ? '' : BETWEEN[opts.format];
    if (first && opts.format === 'csv') head = (await import('../write/csv.ts')).CSV_START;
    last = chunk;
    await write(head + chunk);
  });
  if (held !== null) await write(`${held}\n`);
  else if (res.read > 1 && opts.format === 'json') await write('\n]\n');
  else if (res.read && !last.endsWith('\n')) await write('\n');
  return res;
}
