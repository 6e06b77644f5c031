// Reading binary formats (PDF, DOCX, scans) in a worker thread with a time and memory limit:
// the limits of a hostile file are enforced by terminating the worker, not by trusting the parser.
// The worker is kept between files (pdfjs takes a second to load) and replaced after a failure.
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../util/worker-url.ts';
import { internalReason, outOfMemory, timedOut, WORKER_EXITED } from './failures.ts';
import type { Document } from './document.ts';

import type { BinaryKind } from './binary.ts';

export type { BinaryKind };

export interface Limits {
  /** Milliseconds before the read of one file is abandoned. */
  timeoutMs: number;
  /** Heap limit of the worker, MB. */
  maxMemoryMb: number;
}

export const DEFAULT_LIMITS: Limits = { timeoutMs: 60_000, maxMemoryMb: 384 };

type Result = Document | { error: string; pages?: number };

let worker: Worker | null = null;
let workerLimits: Limits | null = null;
let nextId = 1;
/** Reads run one at a time: a file's time limit is its own, not the queue's. */
let queue: Promise<unknown> = Promise.resolve();

function spawn(limits: Limits): Worker {
  const w = startWorker('./worker', import.meta.url, {
    resourceLimits: { maxOldGenerationSizeMb: limits.maxMemoryMb },
    stdout: true,
    stderr: true,
  });
  // An idle worker does not keep the command running.
  w.unref();
  return w;
}

function readOnce(kind: BinaryKind, bytes: Uint8Array, limits: Limits): Promise<Result> {
  if (!worker || workerLimits?.maxMemoryMb !== limits.maxMemoryMb) {
    void worker?.terminate();
    worker = spawn(limits);
    workerLimits = limits;
  }
  const w = worker;
  const id = nextId++;
  return new Promise<Result>((resolve) => {
    let settled = false;
    const finish = (r: Result, broken: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
      if (broken) {
        void w.terminate();
        if (worker === w) worker = null;
      }
      resolve(r);
    };
    const onMessage = (m: { id: number; result: Result }) => m.id === id && finish(m.result, false);
    const onError = (e: Error & { code?: string }) =>
      finish({ error: e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory(limits) : internalReason(e) }, true);
    const onExit = () => finish({ error: WORKER_EXITED }, true);
    const timer = setTimeout(() => finish({ error: timedOut(limits) }, true), limits.timeoutMs);
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    w.ref();
    w.postMessage({ id, kind, bytes });
  }).finally(() => worker?.unref());
}

/** Reads one binary file in the reader worker, within the limits. */
export function readIsolated(kind: BinaryKind, bytes: Uint8Array, limits: Limits = DEFAULT_LIMITS): Promise<Result> {
  const run = queue.then(() => readOnce(kind, bytes, limits));
  queue = run.catch(() => undefined);
  return run;
}
