// Worker threads that run readers within a time and memory limit: the limits of a hostile file are
// enforced by terminating its worker, not by trusting the parser. One pool for every road — the
// reader worker of the single-file commands (isolate.ts, one thread) and the batch road
// (src/batch, one thread per core). Workers are kept between files (pdfjs takes a second to load);
// a worker that fails costs its current file only, and the files queued behind it go to a fresh one.
import type { Worker } from 'node:worker_threads';
import { reapTools } from '../util/process.ts';
import { startWorker } from '../util/worker-url.ts';
import { internalReason, outOfMemory, timedOut, WORKER_EXITED } from './failures.ts';

export interface Limits {
  /** Milliseconds before the read of one file is abandoned. */
  timeoutMs: number;
  /** Heap limit of each worker, MB. */
  maxMemoryMb: number;
}

export const DEFAULT_LIMITS: Limits = { timeoutMs: 60_000, maxMemoryMb: 384 };

export interface PoolOptions<M extends object, R> {
  /** Threads. */
  size: number;
  /** The worker module, as for startWorker: its path without extension, relative to `caller`. */
  module: string;
  caller: string;
  limits?: Limits;
  /** The result of a job whose worker failed, from the reason (one Chinese sentence). */
  failed: (reason: string, message: M) => R;
  /** Jobs sent ahead to each worker, so that it starts the next without waiting on this thread. */
  depth?: number;
}

interface Job<M, R> {
  id: number;
  message: M;
  done: (r: R) => void;
}

interface Slot<M, R> {
  worker: Worker | null;
  queue: Job<M, R>[];
  timer: NodeJS.Timeout | null;
}

/** Each worker's thread id, taken while it runs (a worker that has ended says -1, which names no thread). */
const threads = new WeakMap<Worker, number>();

/**
 * Runs messages (`{ id, ...message }`) in workers that answer `{ id, result }`. An idle pool does
 * not keep the process running; `close` terminates it.
 */
export class Pool<M extends object, R> {
  private slots: Slot<M, R>[];
  private waiting: Job<M, R>[] = [];
  private nextId = 1;
  private closed = false;
  private readonly limits: Limits;
  private readonly depth: number;

  constructor(private opts: PoolOptions<M, R>) {
    this.limits = opts.limits ?? DEFAULT_LIMITS;
    this.depth = opts.depth ?? 1;
    this.slots = Array.from({ length: Math.max(1, opts.size) }, () => ({ worker: null, queue: [], timer: null }));
  }

  run(message: M): Promise<R> {
    if (this.closed) return Promise.resolve(this.opts.failed(WORKER_EXITED, message));
    return new Promise((done) => {
      this.waiting.push({ id: this.nextId++, message, done });
      this.pump();
    });
  }

  private pump() {
    for (;;) {
      const job = this.waiting[0];
      if (!job || this.closed) return;
      const slot = this.slots.reduce((a, b) => (b.queue.length < a.queue.length ? b : a));
      if (slot.queue.length >= this.depth) return;
      this.waiting.shift();
      const w = slot.worker ?? this.spawn(slot);
      slot.queue.push(job);
      w.ref();
      // Copied, not transferred: a job queued behind one that crashes its worker is sent again.
      w.postMessage({ id: job.id, ...job.message });
      if (slot.queue.length === 1) this.arm(slot);
    }
  }

  private spawn(slot: Slot<M, R>): Worker {
    const w = startWorker(this.opts.module, this.opts.caller, { resourceLimits: { maxOldGenerationSizeMb: this.limits.maxMemoryMb }, stdout: true, stderr: true });
    slot.worker = w;
    threads.set(w, w.threadId);
    // Listeners for the worker's whole life: an error after its last result was taken is handled too.
    w.on('message', ({ id, result }: { id: number; result: R }) => {
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

  /** The time limit of the job the worker is on now; an idle worker lets the process exit. */
  private arm(slot: Slot<M, R>) {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const w = slot.worker;
    if (!w) return;
    if (!slot.queue.length) return void w.unref();
    slot.timer = setTimeout(() => this.fail(slot, w, timedOut(this.limits)), this.limits.timeoutMs);
  }

  /** The worker's current job fails with `reason`; the jobs queued behind it go to a fresh worker. */
  private fail(slot: Slot<M, R>, w: Worker, reason: string) {
    if (slot.worker !== w || this.closed) return;
    slot.worker = null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    // A worker ended mid-job runs no `finally`: the programs and folders of its OCR go with it.
    const thread = threads.get(w) ?? w.threadId;
    void w.terminate().then(() => reapTools(thread));
    const [head, ...rest] = slot.queue;
    slot.queue = [];
    if (head) head.done(this.opts.failed(reason, head.message));
    this.waiting.unshift(...rest);
    this.pump();
  }

  async close() {
    this.closed = true;
    for (const s of this.slots) if (s.timer) clearTimeout(s.timer);
    // Jobs still waiting or running are dropped, not answered: the caller is stopping (Ctrl-C).
    await Promise.all(this.slots.map((s) => s.worker?.terminate()));
  }
}
