// The batch road: many files read ahead with bounded concurrency, read and checked in worker
// threads (each with the engine's per-file time and heap limits), results handed on in input
// order as they come, reports paired across the batch by agency and year (carry-over) from small
// summaries. The command, the server's import jobs and the benchmark all run through runBatch.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { byPosition } from '../check/index.ts';
import { toDiagnostics } from '../check/rule.ts';
import carryOver, { CarryIndex } from '../check/rules/carry-over.ts';
import { internalReason, outOfMemory, timedOut, WORKER_EXITED } from '../read/failures.ts';
import { DEFAULT_LIMITS, type Limits } from '../read/isolate.ts';
import { startWorker } from '../util/worker-url.ts';
import { readInputBytes } from './bytes.ts';
import type { BatchResult, BatchTask } from './task.ts';

export type { BatchResult, BatchTask } from './task.ts';

export interface BatchOptions {
  /** Worker threads; default: the machine's cores. */
  jobs?: number;
  limits?: Limits;
  /** Bytes read ahead at most (files are still read one at a time past it). */
  readAheadBytes?: number;
}

interface Job {
  id: number;
  file: string;
  bytes: Uint8Array;
  done: (r: BatchResult) => void;
}

const NO_CELLS = { cells: new Map() };

/** Workers that each run a queue of files; a worker that fails costs its current file only. */
class Pool {
  private slots: { worker: Worker | null; queue: Job[]; timer: NodeJS.Timeout | null }[];
  private waiting: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    jobs: number,
    private task: BatchTask,
    private limits: Limits,
  ) {
    this.slots = Array.from({ length: jobs }, () => ({ worker: null, queue: [], timer: null }));
  }

  submit(file: string, bytes: Uint8Array): Promise<BatchResult> {
    return new Promise((done) => {
      this.waiting.push({ id: this.nextId++, file, bytes, done });
      this.pump();
    });
  }

  /** Two files queued a worker: it starts the next as soon as one is done, without waiting on the parent. */
  private pump() {
    for (;;) {
      const job = this.waiting[0];
      if (!job || this.closed) return;
      const slot = this.slots.reduce((a, b) => (b.queue.length < a.queue.length ? b : a));
      if (slot.queue.length >= 2) return;
      this.waiting.shift();
      const w = slot.worker ?? this.spawn(slot);
      slot.queue.push(job);
      // Copied, not transferred: a file queued behind one that crashes its worker is sent again.
      w.postMessage({ id: job.id, file: job.file, bytes: job.bytes, task: this.task });
      if (slot.queue.length === 1) this.arm(slot);
    }
  }

  private spawn(slot: Pool['slots'][number]): Worker {
    const w = startWorker('./worker', import.meta.url, { resourceLimits: { maxOldGenerationSizeMb: this.limits.maxMemoryMb }, stdout: true, stderr: true });
    slot.worker = w;
    // Listeners for the worker's whole life: an error after its last result was taken is handled too.
    w.on('message', ({ id, result }: { id: number; result: BatchResult }) => {
      const i = slot.queue.findIndex((j) => j.id === id);
      if (i < 0) return;
      const [job] = slot.queue.splice(i, 1);
      job.done(result);
      this.arm(slot);
      this.pump();
    });
    w.on('error', (e: Error & { code?: string }) => this.fail(slot, w, e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory(this.limits) : internalReason(e)));
    w.on('exit', () => this.fail(slot, w, WORKER_EXITED));
    return w;
  }

  /** The time limit of the file the worker is on now. */
  private arm(slot: Pool['slots'][number]) {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const w = slot.worker;
    if (!slot.queue.length || !w) return;
    slot.timer = setTimeout(() => this.fail(slot, w, timedOut(this.limits)), this.limits.timeoutMs);
  }

  /** The worker's current file fails with `reason`; the files queued behind it go to a fresh worker. */
  private fail(slot: Pool['slots'][number], w: Worker, reason: string) {
    if (slot.worker !== w || this.closed) return;
    slot.worker = null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    void w.terminate();
    const [head, ...rest] = slot.queue;
    slot.queue = [];
    if (head) head.done({ ok: false, file: head.file, error: reason });
    this.waiting.unshift(...rest);
    this.pump();
  }

  async close() {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker?.terminate()));
    for (const s of this.slots) if (s.timer) clearTimeout(s.timer);
  }
}

const running = new Set<Pool>();

/** Stops every batch now (Ctrl-C): the workers are terminated. */
export async function stopBatches(): Promise<void> {
  await Promise.all([...running].map((p) => p.close()));
}

/**
 * Runs `task` over `files` (`-`: standard input) and calls `each` with every result in input order,
 * as soon as it and all before it are done. Memory stays flat: at most a window of files is held.
 */
export async function runBatch(files: string[], task: BatchTask, each: (r: BatchResult, index: number) => void | Promise<void>, opts: BatchOptions = {}): Promise<void> {
  const jobs = Math.max(1, opts.jobs ?? availableParallelism());
  const pool = new Pool(jobs, task, opts.limits ?? DEFAULT_LIMITS);
  running.add(pool);
  const carry = task.rules && !task.rules.includes('carry-over') ? null : new CarryIndex();
  const window = Math.max(8, jobs * 4);
  const budget = opts.readAheadBytes ?? 128 * 1048576;
  const results = new Map<number, BatchResult>();
  let next = 0;
  let emitted = 0;
  let reading = 0;
  let bytesAhead = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const emit = async () => {
        while (results.has(emitted)) {
          const r = results.get(emitted)!;
          results.delete(emitted);
          if (r.ok && carry) {
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
        while (next < files.length && next < emitted + window && (bytesAhead < budget || reading === 0)) {
          const i = next++;
          const file = files[i];
          reading++;
          void readInputBytes(file).then((b) => {
            reading--;
            if ('error' in b) return settle(i, { ok: false, file, error: b.error });
            const size = b.bytes.length;
            bytesAhead += size;
            return pool.submit(file, b.bytes).then((r) => {
              bytesAhead -= size;
              settle(i, r);
            });
          });
        }
      };
      if (!files.length) resolve();
      else pump();
    });
  } finally {
    running.delete(pool);
    await pool.close();
  }
}
