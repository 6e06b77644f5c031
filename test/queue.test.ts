// The PostgreSQL queue (src/server/queue.ts, pg-boss): two `xxgk worker` processes share an import
// of 2,000 files with no file done twice (each job taken up once; both workers working; every
// report stored once, every upload's bytes cleared), stop on SIGTERM with exit 0; a job delivered
// twice is claimed once; and the API on PostgreSQL imports through the queue (wait, and the
// batch's server-sent events from the database). Skipped without PostgreSQL.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { zipSync } from 'fflate';
import { openStore, type Store } from '../src/db/index.ts';
import { buildApp } from '../src/server/app.ts';
import { createToken, createUser } from '../src/server/auth.ts';
import { queueImport } from '../src/server/imports.ts';
import { importQueued, openQueue, type ImportQueue } from '../src/server/queue.ts';
import { distinctReportTexts } from './generate.ts';
import { freshDatabase, postgresUrl } from './postgres.ts';
import { EXAMPLES, ROOT, seedNames, tempDir } from './shared.ts';

const pgBase = await postgresUrl();
const XXGK = join(ROOT, 'bin', 'xxgk.js');
const FILES = 2000;

describe('the import queue on PostgreSQL', { skip: pgBase ? false : '没有 PostgreSQL（Debian postgresql 未安装）' }, () => {
  let url: string;
  let store: Store;
  let queue: ImportQueue;
  before(async () => {
    url = await freshDatabase(pgBase!, `xxgk_queue_${process.pid}`);
    store = await openStore({ url });
    queue = await openQueue(url);
  });
  after(async () => {
    await queue?.stop();
    await store?.close();
  });
  const one = async (q: ReturnType<typeof sql>) => Number(((await store.db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0].n);

  test('two xxgk worker processes share 2,000 files: each done once, by one of them; SIGTERM stops them, exit 0', { timeout: 600_000 }, async () => {
    const dir = tempDir('queue-files');
    const files = distinctReportTexts(FILES, 90_000).map((text, i) => {
      const path = join(dir, `q${i}.txt`);
      writeFileSync(path, text);
      return { path, name: `q${i}.txt` };
    });
    const { jobs } = await queueImport(store.db, files, { inDatabase: true, author: 'queue test' });
    await queue.enqueue(jobs.map((j) => j.id));
    const workers = [0, 1].map(() => {
      const c = spawn(process.execPath, [XXGK, 'worker', '--jobs', '1'], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      c.stderr.on('data', (d) => (err += d));
      return { c, err: () => err, exited: new Promise<number | null>((done) => c.on('exit', (code) => done(code))) };
    });
    for (let t = Date.now(); ; ) {
      if ((await one(sql`select count(*)::int as n from import_jobs where status in ('queued', 'reading')`)) === 0) break;
      assert.ok(Date.now() - t < 500_000, `the workers did not finish: ${workers.map((w) => w.err()).join('\n')}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    for (const w of workers) w.c.kill('SIGTERM');
    assert.deepEqual(await Promise.all(workers.map((w) => w.exited)), [0, 0], workers.map((w) => w.err()).join('\n'));
    assert.match(workers[0].err(), /xxgk worker 已启动/);
    assert.equal(await one(sql`select count(*)::int as n from import_jobs where status = 'stored'`), FILES);
    assert.equal(await one(sql`select count(*)::int as n from import_jobs where attempts <> 1`), 0, 'no file taken up twice');
    assert.equal(await one(sql`select count(distinct worker)::int as n from import_jobs`), 2, 'both workers did some');
    assert.equal(await one(sql`select count(*)::int as n from import_jobs where bytes is not null`), 0, 'the uploads\u2019 bytes are cleared');
    assert.equal(await one(sql`select count(*)::int as n from reports`), FILES);
    assert.equal(await one(sql`select count(*)::int as n from report_versions`), FILES, 'one version each');
  });

  test('a job delivered twice (a retry, a second worker) is claimed once', async () => {
    const path = join(tempDir('queue-twice'), 'a.txt');
    writeFileSync(path, readFileSync(join(EXAMPLES, seedNames[0])));
    const { jobs } = await queueImport(store.db, [{ path, name: 'a.txt' }], { inDatabase: true });
    await Promise.all([importQueued(store.db, [jobs[0].id], { name: 'one', jobs: 1 }), importQueued(store.db, [jobs[0].id], { name: 'two', jobs: 1 })]);
    assert.equal(await one(sql`select attempts as n from import_jobs where id = ${jobs[0].id}`), 1);
    assert.equal(await one(sql`select count(*)::int as n from import_jobs where id = ${jobs[0].id} and status = 'stored'`), 1);
  });

  /** The bearer header of a new admin's API token. */
  const adminHeaders = async (name: string) => {
    const id = await createUser(store.db, { name, password: `${name} password`, role: 'admin', agencyId: null });
    return { authorization: `Bearer ${await createToken(store.db, { id, name, role: 'admin', scope: null, via: 'session' }, 't')}` };
  };

  test('the API on PostgreSQL imports through the queue: ?wait=true, and the batch\u2019s events from the database', { timeout: 120_000 }, async () => {
    const app = await buildApp({ store, spool: tempDir('queue-spool'), jobs: 1, queue });
    await queue.work(store.db, { jobs: 1, name: 'server' });
    const headers = await adminHeaders('queue admin');
    try {
      const form = (names: string[]) => {
        const f = new FormData();
        for (const n of names) f.append('file', new Blob([readFileSync(join(EXAMPLES, n))]), n);
        return f;
      };
      const waited = await app.inject({ method: 'POST', url: '/api/v1/imports?wait=true', payload: form(seedNames.slice(1, 3)), headers });
      assert.equal(waited.statusCode, 201, waited.body);
      assert.deepEqual((waited.json() as { jobs: { status: string }[] }).jobs.map((j) => j.status), ['stored', 'stored']);
      const started = await app.inject({ method: 'POST', url: '/api/v1/imports', payload: form(seedNames.slice(3, 5)), headers });
      assert.equal(started.statusCode, 202);
      const { batch } = started.json() as { batch: string };
      const events = await app.inject({ url: `/api/v1/imports/${batch}/events`, headers });
      assert.match(events.body, /event: done/);
      assert.equal((events.body.match(/"status":"stored"/g) ?? []).length >= 2, true, events.body);
    } finally {
      await app.close();
    }
  });

  test('on PostgreSQL an upload\'s files wait in memory up to a limit and in the spool past it (a zip always): each stored with its own bytes, the spool left empty', { timeout: 120_000 }, async () => {
    const spool = tempDir('queue-held');
    const names = seedNames.slice(0, 3);
    const bytes = seedNames.slice(0, 4).map((n) => readFileSync(join(EXAMPLES, n)));
    // The first file is held (nothing held before it), the second and third are spooled; each of
    // another agency's report (a report's source is its latest version's).
    const app = await buildApp({ store, spool, jobs: 1, queue, heldBytes: 1 });
    await queue.work(store.db, { jobs: 1, name: 'held' });
    const headers = await adminHeaders('held admin');
    try {
      const f = new FormData();
      // Bytes of its own, so that none is a duplicate of the other tests' files.
      const own = (b: Buffer, k: number) => Buffer.concat([b, Buffer.from(`\n（held ${k}）\n`)]);
      names.forEach((n, k) => f.append('file', new Blob([own(bytes[k], k)]), `held-${n}`));
      f.append('file', new Blob([zipSync({ 'in-zip.txt': own(bytes[3], 9) })]), 'held.zip');
      const r = await app.inject({ method: 'POST', url: '/api/v1/imports?wait=true', payload: f, headers });
      assert.equal(r.statusCode, 201, r.body);
      const jobs = (r.json() as { jobs: { file: string; status: string; reportId: number }[] }).jobs;
      assert.deepEqual(jobs.map((j) => [j.file, j.status]), [...names.map((n) => [`held-${n}`, 'stored']), ['held.zip/in-zip.txt', 'stored']]);
      const expected = [...names.map((_, k) => own(bytes[k], k)), own(bytes[3], 9)];
      for (const [k, j] of jobs.entries()) {
        const src = await app.inject({ url: `/api/v1/reports/${j.reportId}/source`, headers });
        assert.ok(Buffer.from(src.rawPayload).equals(expected[k]), `${j.file}: its own bytes`);
      }
      assert.deepEqual(readdirSync(spool).flatMap((d) => readdirSync(join(spool, d))), [], 'the spool is empty');
    } finally {
      await app.close();
    }
  });
});
