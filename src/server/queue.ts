// Imports on PostgreSQL: a queue in the database (pg-boss, no other server to run) so that the
// server and any number of `xxgk worker` processes, on any machine that reaches the database,
// share the jobs. An upload's bytes wait in import_jobs.bytes; a pg-boss job names an import job;
// a worker takes a batch of them, claims each import job in one statement — only one that is
// queued, or reading under a lease that has run out (its worker died) — reads and stores them
// through the same runImport as the embedded store, and clears the bytes. A job delivered twice
// (pg-boss retries one whose worker died) is claimed once: no file is done twice. PGlite has no
// queue (pg-boss needs a server); there the server's own worker threads do the imports.
import { hostname } from 'node:os';
import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { Db } from '../db/index.ts';
import { importJobs } from '../db/schema.ts';
import { BatchWorkers } from '../batch/index.ts';
import { auditAll } from './auth.ts';
import { importRuns, queuedStates, runImport } from './imports.ts';

export const IMPORT_QUEUE = 'xxgk-import';
/**
 * How long a worker holds the jobs it took without a sign of life: it renews the lease of those it
 * has not finished every third of it, and after a lease runs out (the worker died) the jobs are
 * another's. XXGK_LEASE_SECONDS sets it (default 300).
 */
export const leaseSeconds = () => {
  const n = Number(process.env.XXGK_LEASE_SECONDS);
  return Number.isFinite(n) && n >= 1 ? n : 300;
};

export interface ImportQueue {
  /** Hands the import jobs to the workers. */
  enqueue(ids: number[]): Promise<void>;
  /** This process works the queue too (`jobs` worker threads); resolves once it is listening. */
  work(db: Db, opts: WorkOptions): Promise<void>;
  /** Stops taking jobs, lets the ones taken finish, closes the queue's connections. */
  stop(): Promise<void>;
}

export interface WorkOptions {
  /** Worker threads for the engine (default: the machine's cores). */
  jobs?: number;
  /** Import jobs taken at a time. */
  batchSize?: number;
  /** The name this worker writes on the jobs it does. */
  name?: string;
  onError?: (e: unknown, file: string) => void;
}

/** Opens the queue in the database of `url` (pg-boss makes its own schema, `pgboss`, at first start). */
export async function openQueue(url: string, onError: (e: unknown) => void = () => {}): Promise<ImportQueue> {
  const boss = new PgBoss({ connectionString: url, max: 4, application_name: 'xxgk-queue' });
  boss.on('error', onError);
  await boss.start();
  await boss.createQueue(IMPORT_QUEUE, { name: IMPORT_QUEUE, retryLimit: 5, retryDelay: 5, expireInSeconds: leaseSeconds() });
  let workers: BatchWorkers | undefined;
  return {
    async enqueue(ids) {
      for (let i = 0; i < ids.length; i += 500) await boss.insert(ids.slice(i, i + 500).map((id) => ({ name: IMPORT_QUEUE, data: { id } })));
    },
    async work(db, opts) {
      const name = opts.name ?? `${hostname()}:${process.pid}`;
      // The engine's threads are started once, not for each batch of jobs (BatchWorkers).
      workers ??= new BatchWorkers({ jobs: opts.jobs });
      const kept = workers;
      const batchSize = opts.batchSize ?? 64;
      let self = '';
      self = await boss.work<{ id: number }>(IMPORT_QUEUE, { batchSize, pollingIntervalSeconds: 0.5 }, async (jobs) => {
        await importQueued(db, jobs.map((j) => j.data.id), { ...opts, name, workers: kept });
        // A full batch: more are likely waiting, so fetch again now — pg-boss otherwise waits out
        // the polling interval after every batch (32 files a second a worker with 16 a batch).
        if (jobs.length === batchSize) boss.notifyWorker(self);
      });
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 60_000 });
      await workers?.close();
    },
  };
}

/** Claims, reads and stores these import jobs (those another worker holds, or that ended, are left). */
export async function importQueued(db: Db, ids: number[], opts: WorkOptions & { name: string; workers?: BatchWorkers }): Promise<void> {
  const claimed = await db
    .update(importJobs)
    .set({ status: 'reading', attempts: sql`${importJobs.attempts} + 1`, worker: opts.name, claimedAt: new Date(), updatedAt: new Date() })
    .where(and(inArray(importJobs.id, ids), or(eq(importJobs.status, 'queued'), and(eq(importJobs.status, 'reading'), lt(importJobs.claimedAt, sql`now() - make_interval(secs => ${leaseSeconds()})`)))))
    .returning({ id: importJobs.id, batch: importJobs.batch, fileName: importJobs.fileName, bytes: importJobs.bytes, author: importJobs.author, scope: importJobs.scope });
  if (!claimed.length) return;
  // Alive: the lease of the jobs not yet ended is renewed (a batch of slow files outlasts one lease).
  const renew = setInterval(
    () =>
      void db
        .update(importJobs)
        .set({ claimedAt: new Date() })
        .where(and(inArray(importJobs.id, claimed.map((j) => j.id)), eq(importJobs.status, 'reading'), eq(importJobs.worker, opts.name)))
        .catch((e: unknown) => opts.onError?.(e, '(lease)')),
    (leaseSeconds() * 1000) / 3,
  );
  renew.unref();
  try {
    // Each job's bytes go to the engine as they came from the database (no file between), in a
    // buffer of their own: the driver's may be a slice of a larger one, which a message would copy whole.
    for (const group of importRuns(claimed)) {
      const files = group.map((j) => ({ name: j.fileName, bytes: j.bytes ? new Uint8Array(j.bytes) : new Uint8Array(0) }));
      const { author, scope, batch } = group[0];
      await runImport(db, batch, queuedStates(group), files, {
        jobs: opts.jobs,
        workers: opts.workers,
        author,
        scope,
        onError: opts.onError,
        stored: (done) => auditAll(db, { id: null, name: author }, done.map((job) => ({ action: 'report.import', target: `report:${job.reportId}`, after: { file: job.file, job: job.id, batch, worker: opts.name } }))),
      });
    }
  } finally {
    clearInterval(renew);
  }
}

/** Import jobs still waiting (at a start, in case a server died between storing them and queueing them). */
export async function waitingJobs(db: Db): Promise<number[]> {
  const rows = await db.select({ id: importJobs.id }).from(importJobs).where(and(inArray(importJobs.status, ['queued', 'reading']), sql`${importJobs.bytes} is not null`));
  return rows.map((r) => r.id);
}
