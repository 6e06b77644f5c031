// The batch road: many files read ahead with bounded concurrency, read and checked in worker
// threads (each with the engine's per-file time and heap limits), results handed on in input
// order as they come, reports paired across the batch by agency and year (carry-over) from small
// summaries. The command, the server's import jobs and the benchmark all run through runBatch.
import { availableParallelism } from 'node:os';
import { byPosition } from '../check/index.ts';
import { toDiagnostics } from '../check/rule.ts';
import carryOver, { CarryIndex } from '../check/rules/carry-over.ts';
import { internalReason } from '../read/failures.ts';
import { Pool, type Limits } from '../read/pool.ts';
import { readInputBytes } from './bytes.ts';
import { HEAVY_BYTES, type BatchResult, type BatchTask } from './task.ts';

export type { BatchResult, BatchTask } from './task.ts';

export interface BatchOptions {
  /** Worker threads; default: the machine's cores. */
  jobs?: number;
  limits?: Limits;
  /**
   * Workers kept between batches (BatchWorkers): a queue's worker runs a batch of a few files at a
   * time, and starting its threads again for each (their modules, pdfjs, the JIT's warm-up) cost
   * more than the files. Its `jobs` and `limits` are the batch's; it is not closed at the end.
   */
  workers?: BatchWorkers;
}

const NO_CELLS = { cells: new Map() };

/**
 * A file by its path (`-`: standard input); bytes already in memory under a name (a queued job's,
 * from the database); or a file at a path known by another name (an upload waiting in the spool,
 * read and reported as the name its user gave it: the server's paths never reach a report).
 */
export type BatchInput = string | { name: string; bytes: Uint8Array } | { name: string; path: string };
const nameOf = (input: BatchInput) => (typeof input === 'string' ? input : input.name);
const pathOf = (input: Exclude<BatchInput, { bytes: Uint8Array }>) => (typeof input === 'string' ? input : input.path);

/** A file for a worker: a path it reads itself (reported as `name` where given), or the bytes this thread read (standard input, a pipe, a device). */
type Message = { file: string; name?: string; bytes?: Uint8Array; task: BatchTask; heavy?: boolean };
/** The worker's answer: a result, "not a regular file: read it for me", or "large: give it its turn" (HEAVY_BYTES). */
export type Answer = BatchResult | { delegate: true; file: string } | { heavy: true; file: string };

const running = new Set<Pool<Message, Answer>>();

/** Stops every batch now (Ctrl-C): the workers are terminated. */
export async function stopBatches(): Promise<void> {
  await Promise.all([...running].map((p) => p.close()));
}

const newPool = (opts: Pick<BatchOptions, 'jobs' | 'limits'>) =>
  // Two files queued on each worker: it starts the next as soon as one is done, without waiting on this thread.
  new Pool<Message, Answer>({ size: Math.max(1, opts.jobs ?? availableParallelism()), module: './worker', caller: import.meta.url, limits: opts.limits, depth: 2, failed: (error, m) => ({ ok: false, file: m.name ?? m.file, error }) });

/** Workers for many batches, one after another or at once (runBatch's `workers`): close them when done. */
export class BatchWorkers {
  readonly pool: Pool<Message, Answer>;
  constructor(opts: Pick<BatchOptions, 'jobs' | 'limits'> = {}) {
    this.pool = newPool(opts);
    running.add(this.pool);
  }
  async close(): Promise<void> {
    running.delete(this.pool);
    await this.pool.close();
  }
}

/**
 * Runs `task` over `files` and calls `each` with every result in input order, as soon as it and
 * all before it are done. Memory stays flat: at most a window of files is held.
 */
export async function runBatch(files: BatchInput[], task: BatchTask, each: (r: BatchResult, index: number) => void | Promise<void>, opts: BatchOptions = {}): Promise<void> {
  const jobs = Math.max(1, opts.jobs ?? availableParallelism());
  const kept = opts.workers?.pool;
  const pool = kept ?? newPool(opts);
  if (!kept) running.add(pool);
  // One file: read here, without starting a batch worker (a tenth of a second); PDF, DOCX and HTML
  // still go to the reader worker with the same limits (readBytes), text is read in linear time.
  const alone = async (input: BatchInput): Promise<BatchResult> => {
    const file = nameOf(input);
    const b = typeof input === 'string' || 'path' in input ? await readInputBytes(pathOf(input)) : input;
    if ('error' in b) return { ok: false, file, error: b.error };
    return (await import('./run.ts')).runTask(file, b.bytes, task, { limits: opts.limits }).catch((e: unknown) => ({ ok: false, file, error: internalReason(e) }));
  };
  /** Bytes read here, for the worker. */
  const withBytes = async (file: string, name = file): Promise<BatchResult> => {
    const b = await readInputBytes(file);
    if ('error' in b) return { ok: false, file: name, error: b.error };
    return (await pool.run({ file: name, bytes: b.bytes, task })) as BatchResult;
  };
  // Many: a worker reads each regular file itself (this thread only hands out paths and writes
  // results, so that two workers keep two cores busy); anything else is read here.
  const read = async (input: BatchInput): Promise<BatchResult> => {
    if (files.length === 1) return alone(input);
    // Bytes in memory go to a worker as they are (copied), large ones in the lane below.
    if (typeof input !== 'string' && 'bytes' in input) return input.bytes.length > HEAVY_BYTES ? large(input.name, input.bytes) : (pool.run({ file: input.name, bytes: input.bytes, task }) as Promise<BatchResult>);
    const file = pathOf(input);
    const name = nameOf(input);
    if (file === '-') return withBytes(file);
    const r = await pool.run({ file, ...(name !== file ? { name } : {}), task });
    if ('heavy' in r) return large(file, undefined, name);
    return 'delegate' in r ? withBytes(file, name) : r;
  };
  // Large files one at a time over all the workers, so that the peak is one large file's, not jobs of them.
  let lane: Promise<unknown> = Promise.resolve();
  const large = (file: string, bytes?: Uint8Array, name = file): Promise<BatchResult> => {
    const turn = lane.then(() => pool.run({ file, ...(name !== file ? { name } : {}), bytes, task, heavy: true })).then((r) => ('delegate' in r || 'heavy' in r ? withBytes(file, name) : r));
    lane = turn.catch(() => undefined);
    return turn;
  };
  const carry = task.rules && !task.rules.includes('carry-over') ? null : new CarryIndex();
  const window = Math.max(8, jobs * 4);
  const results = new Map<number, BatchResult>();
  let next = 0;
  let emitted = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const emit = async () => {
        while (results.has(emitted)) {
          const r = results.get(emitted)!;
          results.delete(emitted);
          if (r.ok && carry) {
            // The worker's copy of the file name is this batch's own: the index keeps one, not two.
            const name = nameOf(files[emitted]);
            if (r.carry && r.carry.file === name) r.carry.file = name;
            const found = carry.add(r.carry);
            if (found.length) r.diagnostics = [...r.diagnostics, ...toDiagnostics(carryOver, found, NO_CELLS)].sort(byPosition);
          }
          await each(r, emitted);
          emitted++;
        }
        if (emitted === files.length) resolve();
        else pump();
      };
      let emitting: Promise<void> = Promise.resolve();
      const settle = (i: number, r: BatchResult) => {
        results.set(i, r);
        emitting = emitting.then(emit).catch(reject);
      };
      const pump = () => {
        while (next < files.length && next < emitted + window) {
          const i = next++;
          void read(files[i]).then((r) => settle(i, r));
        }
      };
      if (!files.length) resolve();
      else pump();
    });
  } finally {
    if (!kept) {
      running.delete(pool);
      await pool.close();
    }
  }
}
