// Import jobs: files (paths on this machine) through the engine's batch road — the same runBatch
// as `xxgk check` — into the store, each file all or nothing, with its state in import_jobs:
// queued → reading → stored | failed (the reader's one-line reason).
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { eq, inArray } from 'drizzle-orm';
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
  /** Every change of a job's state, as it happens (server-sent events, progress bars). */
  progress?: (job: JobState) => void;
  /** The importing account's subtree (null: any agency). */
  scope?: string | null;
  /** Each report stored (not a duplicate), for the audit log. */
  stored?: (job: JobState) => Promise<void>;
  /** A file that was read but could not be stored: for the server's log (never shown to a client). */
  onError?: (e: unknown, file: string) => void;
}

/** Queues the files as one batch and runs it; resolves with every job's final state, in order. */
export async function importFiles(db: Db, files: ImportFile[], opts: ImportOptions = {}): Promise<{ batch: string; jobs: JobState[] }> {
  const batch = randomUUID();
  const rows = files.length ? await db.insert(importJobs).values(files.map((f) => ({ batch, fileName: f.name }))).returning({ id: importJobs.id }) : [];
  const jobs: JobState[] = rows.map((r, i) => ({ id: r.id, file: files[i].name, status: 'queued', reason: null, reportId: null, duplicate: false }));
  jobs.forEach((j) => opts.progress?.(j));
  const set = async (j: JobState, change: Partial<JobState>) => {
    Object.assign(j, change);
    await db.update(importJobs).set({ status: j.status, reason: j.reason, reportId: j.reportId, duplicate: j.duplicate, updatedAt: new Date() }).where(eq(importJobs.id, j.id));
    opts.progress?.(j);
  };
  if (jobs.length) await db.update(importJobs).set({ status: 'reading' }).where(inArray(importJobs.id, jobs.map((j) => j.id)));
  jobs.forEach((j) => opts.progress?.(Object.assign(j, { status: 'reading' as const })));
  await runBatch(
    files.map((f) => f.path),
    { kind: 'read' },
    async (r, i) => {
      const job = jobs[i];
      if (!r.ok || !r.read) return set(job, { status: 'failed', reason: r.ok ? '读取结果缺失' : r.error });
      try {
        const bytes = new Uint8Array(await readFile(files[i].path));
        const stored = await storeImport(db, files[i].name, bytes, r.read, r.diagnostics, opts.author ?? null, opts.scope ?? null);
        await set(job, { status: 'stored', reportId: stored.reportId, duplicate: stored.duplicate });
        if (!stored.duplicate) await opts.stored?.(job);
      } catch (e) {
        if (e instanceof OutOfScope) return set(job, { status: 'failed', reason: e.message });
        opts.onError?.(e, files[i].name);
        await set(job, { status: 'failed', reason: '保存到数据库失败（详情见服务器日志）' });
      }
    },
    { jobs: opts.jobs },
  );
  return { batch, jobs };
}
