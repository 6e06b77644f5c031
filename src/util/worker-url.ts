// Starting a worker thread on a module of this package: the built JavaScript as it is; from the
// sources (under tsx), through ts-worker.mjs, which registers tsx first.
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `name` is the worker module's path without extension, relative to `caller` (the caller's import.meta.url). */
export function startWorker(name: string, caller: string, opts: WorkerOptions = {}): Worker {
  if (!caller.endsWith('.ts')) return new Worker(new URL(`${name}.js`, caller), opts);
  const entry = new URL(`${name}.ts`, caller).href;
  return new Worker(new URL('./ts-worker.mjs', import.meta.url), { ...opts, workerData: { ...(opts.workerData ?? {}), entry } });
}
