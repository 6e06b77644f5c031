// Import jobs: files through the engine's batch road — the same runBatch as `xxgk check` — into
// the store, each file all or nothing, with its state in import_jobs: queued → reading → stored |
// failed (the reader's one-line reason). An uploaded file waits in the spool folder until its job
// ends, so a server killed mid-import takes its jobs up again at the next start (resumeImports);
// the same bytes stored twice are found, not stored again, so taking a job up again is harmless.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { runBatch } from '../batch/index.ts';
import type { Db } from '../db/index.ts';
import { OutOfScope, storeImport } from '../db/reports.ts';
import { importJobs } from '../db/schema.ts';

export interface ImportFile {
  /** Where the bytes are now. */
  path: string;
  /** The name the user gave it. */
  name: string;
}

export interface JobState {
  id: number;
  file: string;
  status: 'queued' | 'reading' | 'stored' | 'failed';
  reason: string | null;
  reportId: number | null;
  duplicate: boolean;
}

export interface ImportOptions {
  jobs?: number;
  author?: string | null;
  /** The importing account's subtree (null: any agency). */
  scope?: string | null;
  /** The files are the spool's: removed when their job ends. */
  spooled?: boolean;
  /** Queue the files' bytes in the database (for the PostgreSQL queue's workers), not their spool paths. */
  inDatabase?: boolean;
  /** Each report stored (not a duplicate), for the audit log. */
  stored?: (job: JobState) => Promise<void>;
  /** A file that was read but could not be stored: for the server's log (never shown to a client). */
  onError?: (e: unknown, file: string) => void;
}

/** Every change of a job's state, as it happens, by batch: `events.on(batch, (job) => …)` (server-sent events). */
export const importEvents = new EventEmitter().setMaxListeners(0);

/** Queues the files as one batch: the jobs, queued. */
export async function queueImport(db: Db, files: ImportFile[], opts: ImportOptions = {}, batch: string = randomUUID()): Promise<{ batch: string; jobs: JobState[] }> {
  const rows: { id: number }[] = [];
  // In pages: a thousand files' bytes are not one statement.
  for (let i = 0; i < files.length; i += 100) {
    const page = files.slice(i, i + 100);
    const values = await Promise.all(page.map(async (f) => ({ batch, fileName: f.name, spoolPath: opts.spooled && !opts.inDatabase ? f.path : null, bytes: opts.inDatabase ? new Uint8Array(await readFile(f.path)) : null, author: opts.author ?? null, scope: opts.scope ?? null })));
    rows.push(...(await db.insert(importJobs).values(values).returning({ id: importJobs.id })));
  }
  return { batch, jobs: rows.map((r, i) => ({ id: r.id, file: files[i].name, status: 'queued', reason: null, reportId: null, duplicate: false })) };
}

/** Runs queued jobs (`files[i]` is `jobs[i]`'s file); resolves when every one has ended. */
export async function runImport(db: Db, batch: string, jobs: JobState[], files: ImportFile[], opts: ImportOptions = {}): Promise<JobState[]> {
  const set = async (j: JobState, change: Partial<JobState>) => {
    Object.assign(j, change);
    const ended = j.status === 'stored' || j.status === 'failed';
    await db.update(importJobs).set({ status: j.status, reason: j.reason, reportId: j.reportId, duplicate: j.duplicate, ...(ended ? { bytes: null } : {}), updatedAt: new Date() }).where(eq(importJobs.id, j.id));
    importEvents.emit(batch, { ...j });
  };
  if (jobs.length) await db.update(importJobs).set({ status: 'reading' }).where(inArray(importJobs.id, jobs.map((j) => j.id)));
  for (const j of jobs) importEvents.emit(batch, { ...Object.assign(j, { status: 'reading' as const }) });
  await runBatch(
    files.map((f) => f.path),
    { kind: 'read' },
    async (r, i) => {
      const job = jobs[i];
      try {
        if (!r.ok || !r.read) return await set(job, { status: 'failed', reason: r.ok ? '读取结果缺失' : r.error });
        const bytes = new Uint8Array(await readFile(files[i].path));
        const stored = await storeImport(db, files[i].name, bytes, r.read, r.diagnostics, opts.author ?? null, opts.scope ?? null);
        await set(job, { status: 'stored', reportId: stored.reportId, duplicate: stored.duplicate });
        if (!stored.duplicate) await opts.stored?.(job);
      } catch (e) {
        if (e instanceof OutOfScope) return await set(job, { status: 'failed', reason: e.message });
        opts.onError?.(e, files[i].name);
        await set(job, { status: 'failed', reason: '保存到数据库失败（详情见服务器日志）' });
      } finally {
        if (opts.spooled) await rm(files[i].path, { force: true });
      }
    },
    { jobs: opts.jobs },
  );
  importEvents.emit(`${batch}:done`);
  return jobs;
}

/** Queues and runs the files as one batch; resolves with every job's final state, in order. */
export async function importFiles(db: Db, files: ImportFile[], opts: ImportOptions = {}): Promise<{ batch: string; jobs: JobState[] }> {
  const q = await queueImport(db, files, opts);
  return { batch: q.batch, jobs: await runImport(db, q.batch, q.jobs, files, opts) };
}

/**
 * At start: the jobs a stopped or killed server left queued or reading. Those whose spooled file
 * is still there run again (by batch); the others fail, saying to import again.
 */
export async function resumeImports(db: Db, opts: Pick<ImportOptions, 'jobs' | 'onError'> = {}): Promise<number> {
  // Jobs whose bytes are in the database belong to the PostgreSQL queue, which hands them out again.
  const left = await db
    .select({ id: importJobs.id, batch: importJobs.batch, fileName: importJobs.fileName, spoolPath: importJobs.spoolPath, author: importJobs.author, scope: importJobs.scope })
    .from(importJobs)
    .where(and(inArray(importJobs.status, ['queued', 'reading']), isNull(importJobs.bytes)))
    .orderBy(importJobs.id);
  const lost = left.filter((j) => !j.spoolPath || !existsSync(j.spoolPath));
  if (lost.length) await db.update(importJobs).set({ status: 'failed', reason: '服务器在导入时停止，文件未保留，请重新导入', updatedAt: new Date() }).where(inArray(importJobs.id, lost.map((j) => j.id)));
  const again = left.filter((j) => !lost.includes(j));
  const batches = new Map<string, typeof again>();
  for (const j of again) {
    const key = `${j.batch}\u0000${j.author ?? ''}\u0000${j.scope ?? ''}`;
    batches.set(key, [...(batches.get(key) ?? []), j]);
  }
  for (const group of batches.values()) {
    const jobs: JobState[] = group.map((j) => ({ id: j.id, file: j.fileName, status: 'queued', reason: null, reportId: null, duplicate: false }));
    await runImport(db, group[0].batch, jobs, group.map((j) => ({ path: j.spoolPath!, name: j.fileName })), { ...opts, author: group[0].author, scope: group[0].scope, spooled: true });
  }
  return again.length;
}

/** The jobs of a batch as they stand. */
export async function batchState(db: Db, batch: string): Promise<JobState[]> {
  const rows = await db.select().from(importJobs).where(eq(importJobs.batch, batch)).orderBy(importJobs.id);
  return rows.map((j) => ({ id: j.id, file: j.fileName, status: j.status as JobState['status'], reason: j.reason, reportId: j.reportId, duplicate: j.duplicate }));
}
