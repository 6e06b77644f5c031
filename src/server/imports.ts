// Import jobs: files through the engine's batch road — the same runBatch as `xxgk check` — into
// the store, each file all or nothing, with its state in import_jobs: queued → reading → stored |
// failed (the reader's one-line reason). An uploaded file waits in the spool folder until its job
// ends, so a server killed mid-import takes its jobs up again at the next start (resumeImports);
// the same bytes stored twice are found, not stored again, so taking a job up again is harmless.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { runBatch, type BatchResult, type BatchWorkers } from '../batch/index.ts';
import type { Db } from '../db/index.ts';
import type { JobState } from './job-state.ts';
import { OutOfScope, sqlRows, storeImports } from '../db/reports.ts';
import { importJobs } from '../db/schema.ts';

/** A file to import under the name the user gave it: where its bytes are now (a spooled upload), or the bytes (a queued job's, from the database). */
export type ImportFile = { name: string; path: string } | { name: string; bytes: Uint8Array };
/** A file on disk (an upload's spool, a file the command names). */
export type SpooledFile = Extract<ImportFile, { path: string }>;

export type { JobState };

export interface ImportOptions {
  jobs?: number;
  /** Batch workers kept between imports (the server's, a queue worker's); else the import starts its own. */
  workers?: BatchWorkers;
  author?: string | null;
  /** The importing account's subtree (null: any agency). */
  scope?: string | null;
  /** The files are the spool's: removed when their job ends. */
  spooled?: boolean;
  /** Queue the files' bytes in the database (for the PostgreSQL queue's workers), not their spool paths. */
  inDatabase?: boolean;
  /** The reports stored (not duplicates), a group at a time, for the audit log. */
  stored?: (jobs: JobState[]) => Promise<void>;
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
    const values = await Promise.all(
      page.map(async (f) => ({
        batch,
        fileName: f.name,
        spoolPath: opts.spooled && !opts.inDatabase && 'path' in f ? f.path : null,
        bytes: opts.inDatabase ? ('bytes' in f ? f.bytes : new Uint8Array(await readFile(f.path))) : null,
        author: opts.author ?? null,
        scope: opts.scope ?? null,
      })),
    );
    rows.push(...(await db.insert(importJobs).values(values).returning({ id: importJobs.id })));
  }
  return { batch, jobs: rows.map((r, i) => ({ id: r.id, file: files[i].name, status: 'queued', reason: null, reportId: null, duplicate: false })) };
}

/** Results stored in one transaction at most (src/db/reports.ts storeImports). */
const GROUP = 64;
/** How long a read result waits for others to fill its group before it is stored anyway. */
const GATHER_MS = 100;

/**
 * Runs queued jobs (`files[i]` is `jobs[i]`'s file); resolves when every one has ended. Results
 * are stored in groups, one transaction each: a group goes once it is full or a result in it has
 * waited GATHER_MS, so that a fast reader fills groups and a slow one is not waited for long; the
 * jobs' states of a group are written in one statement.
 */
export async function runImport(db: Db, batch: string, jobs: JobState[], files: ImportFile[], opts: ImportOptions = {}): Promise<JobState[]> {
  if (jobs.length) await db.update(importJobs).set({ status: 'reading' }).where(inArray(importJobs.id, jobs.map((j) => j.id)));
  for (const j of jobs) importEvents.emit(batch, { ...Object.assign(j, { status: 'reading' as const }) });
  const waiting: { r: BatchResult; i: number }[] = [];
  const store = async (group: { r: BatchResult; i: number }[]) => {
    // A file gone from the spool since it was read fails alone.
    const read = (
      await Promise.all(
        group.map(async ({ r, i }) => {
          if (!r.ok || !r.packed) return [];
          const f = files[i];
          const bytes = 'bytes' in f ? f.bytes : await readFile(f.path).then((b) => new Uint8Array(b), () => null);
          return bytes ? [{ i, name: f.name, bytes, ...r.packed, diagnostics: r.diagnostics }] : [];
        }),
      )
    ).flat();
    const outcomes = await storeImports(db, read, opts.author ?? null, opts.scope ?? null).catch((failed: unknown) => read.map(() => ({ failed })));
    const outcomeOf = new Map(read.map(({ i }, k) => [i, outcomes[k]]));
    for (const { r, i } of group) {
      const o = outcomeOf.get(i);
      if (!o) Object.assign(jobs[i], { status: 'failed', reason: r.ok ? (r.packed ? '上传的文件在导入时丢失，请重新导入' : '读取结果缺失') : r.error });
      else if (o instanceof OutOfScope) Object.assign(jobs[i], { status: 'failed', reason: o.message });
      else if ('failed' in o) {
        opts.onError?.(o.failed, files[i].name);
        Object.assign(jobs[i], { status: 'failed', reason: '保存到数据库失败（详情见服务器日志）' });
      } else Object.assign(jobs[i], { status: 'stored', reportId: o.reportId, duplicate: o.duplicate });
    }
    const ended = group.map(({ i }) => jobs[i]);
    await db.execute(sql`update ${importJobs} set status = v.status, reason = v.reason, report_id = v.report, duplicate = v.duplicate, bytes = null, updated_at = now()
      from (values ${sqlRows(ended, (j) => sql`(${j.id}::int, ${j.status}, ${j.reason}, ${j.reportId}::int, ${j.duplicate}::boolean)`)}) as v(id, status, reason, report, duplicate)
      where ${importJobs.id} = v.id`);
    for (const j of ended) importEvents.emit(batch, { ...j });
    const fresh = ended.filter((j) => j.status === 'stored' && !j.duplicate);
    if (fresh.length) await opts.stored?.(fresh);
    if (opts.spooled) await Promise.all(group.map(({ i }) => files[i]).map((f) => ('path' in f ? rm(f.path, { force: true }) : null)));
  };
  // A group is stored once it is full (or holds every file left); a result that does not fill one
  // waits GATHER_MS at most for others. Storing each result as soon as it came made groups of 7 on
  // average where the engine and the database share two cores (12 statements a group, 2 a report).
  let storing: Promise<void> | null = null;
  let taken = 0;
  let timer: NodeJS.Timeout | undefined;
  const ready = () => waiting.length > 0 && waiting.length >= Math.min(GROUP, files.length - taken);
  // `force`: the first group goes even if not full (its time is up); the next only when ready, so
  // that results coming in while it is stored gather again.
  const drain = async (force: boolean) => {
    for (let first = force; waiting.length && (first || ready()); first = false) {
      const group = waiting.splice(0, GROUP);
      taken += group.length;
      // The database failed between the reports and their jobs' states (it went away): the jobs stay
      // `reading` and are taken up again at the next start (found stored, or stored then); the
      // import goes on. Never a rejection nobody awaits: that would end the process.
      await store(group).catch((e: unknown) => opts.onError?.(e, files[group[0].i].name));
    }
    storing = null;
    schedule();
  };
  const schedule = () => {
    if (storing || !waiting.length) return;
    if (ready()) {
      clearTimeout(timer);
      timer = undefined;
      storing = drain(false);
    } else
      timer ??= setTimeout(() => {
        timer = undefined;
        storing ??= drain(true);
      }, GATHER_MS);
  };
  await runBatch(
    files,
    { kind: 'read', packSource: true },
    async (r, i) => {
      waiting.push({ r, i });
      schedule();
      // The engine reads ahead of the store by two groups at most.
      if (waiting.length >= 2 * GROUP) await storing;
    },
    { jobs: opts.jobs, workers: opts.workers },
  );
  while (storing || waiting.length) await (storing ??= drain(true));
  clearTimeout(timer);
  importEvents.emit(`${batch}:done`);
  return jobs;
}

/** Queues and runs the files as one batch; resolves with every job's final state, in order. */
export async function importFiles(db: Db, files: SpooledFile[], opts: ImportOptions = {}): Promise<{ batch: string; jobs: JobState[] }> {
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
  for (const group of importRuns(again)) {
    await runImport(db, group[0].batch, queuedStates(group), group.map((j) => ({ path: j.spoolPath!, name: j.fileName })), { ...opts, author: group[0].author, scope: group[0].scope, spooled: true });
  }
  return again.length;
}

type JobRow = { id: number; batch: string; fileName: string; author: string | null; scope: string | null };

/** Jobs taken up again (at start, or by a queue worker) in runs of one batch, author and scope: each run is one runImport. */
export function importRuns<J extends JobRow>(jobs: J[]): J[][] {
  const runs = new Map<string, J[]>();
  for (const j of jobs) {
    const key = `${j.batch}\u0000${j.author ?? ''}\u0000${j.scope ?? ''}`;
    (runs.get(key) ?? runs.set(key, []).get(key)!).push(j);
  }
  return [...runs.values()];
}

/** The states of jobs about to run: queued, nothing stored yet. */
export const queuedStates = (jobs: JobRow[]): JobState[] => jobs.map((j) => ({ id: j.id, file: j.fileName, status: 'queued', reason: null, reportId: null, duplicate: false }));

/** The jobs of a batch as they stand. */
export async function batchState(db: Db, batch: string): Promise<JobState[]> {
  const rows = await db.select().from(importJobs).where(eq(importJobs.batch, batch)).orderBy(importJobs.id);
  return rows.map((j) => ({ id: j.id, file: j.fileName, status: j.status as JobState['status'], reason: j.reason, reportId: j.reportId, duplicate: j.duplicate }));
}
