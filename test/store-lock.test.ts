// The embedded store: one process at a time on a data folder (src/db/lock.ts), and what is kept of
// its reads while nothing is written (src/db/writes.ts: reportJson's report rows).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { readBytes } from '../src/engine.ts';
import { LISTENER_NAME, openStore } from '../src/db/index.ts';
import { StoreBusy } from '../src/db/lock.ts';
import { changeStatus, packSource, reportJson, storeImports } from '../src/db/reports.ts';
import { agencies, reports } from '../src/db/schema.ts';
import { writesSoFar } from '../src/db/writes.ts';
import { freshDatabase, postgresUrl } from './postgres.ts';
import { start } from './server-process.ts';
import { EXAMPLES, ROOT, seedNames, tempDir } from './shared.ts';

test('a data folder held by a live process is refused with a message naming it; one left by a process that is gone is taken over', async () => {
  const dir = tempDir('lock');
  const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  await new Promise((r) => holder.once('spawn', r));
  writeFileSync(join(dir, 'xxgk.lock'), `${holder.pid}\n`);
  await assert.rejects(openStore({ dataDir: dir }), (e: unknown) => e instanceof StoreBusy && e.message.includes(dir) && e.message.includes(`PID ${holder.pid}`));
  holder.kill('SIGKILL');
  await new Promise((r) => holder.once('exit', r));
  const store = await openStore({ dataDir: dir });
  assert.equal(readFileSync(join(dir, 'xxgk.lock'), 'utf8').split(' ')[0], String(process.pid));
  await store.close();
  assert.equal(existsSync(join(dir, 'xxgk.lock')), false, 'closing lets the folder go');
});

test('a lock naming this process\'s pid from an earlier start (a container\'s process 1 after a restart) is taken over and let go at close', async () => {
  const dir = tempDir('lock-restart');
  writeFileSync(join(dir, 'xxgk.lock'), `${process.pid} 1\n`);
  const store = await openStore({ dataDir: dir });
  assert.notEqual(readFileSync(join(dir, 'xxgk.lock'), 'utf8').trim(), `${process.pid} 1`);
  await store.close();
  assert.equal(existsSync(join(dir, 'xxgk.lock')), false);
});

test('xxgk import into the data folder of a running server is refused (exit 2, one Chinese line), not written beside it', async () => {
  const dir = tempDir('lock-server');
  const s = start({ XXGK_DATA: dir });
  try {
    await s.url;
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'xxgk.js'), 'import', join(EXAMPLES, seedNames[0]), '--data', dir], { encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /正被另一个 xxgk 进程（PID \d+）使用/);
    assert.doesNotMatch(r.stderr, /内部错误|at .*\.js:\d+/);
  } finally {
    s.child.kill('SIGTERM');
    await s.exited;
  }
});

test('reportJson keeps a report row only while the embedded store is not written: a status change, an agency renamed, a write inside a transaction are seen at once', async () => {
  const store = await openStore({ dataDir: null });
  try {
    const { db } = store;
    const read = await readBytes(readFileSync(join(EXAMPLES, seedNames[0])), seedNames[0]);
    if (!read.ok) throw new Error(read.error);
    const [o] = await storeImports(db, [{ name: 'a.txt', bytes: new TextEncoder().encode('a'), report: read.report, source: packSource(read.source), diagnostics: [] }]);
    const id = (o as { reportId: number }).reportId;
    const status = async () => JSON.parse((await reportJson(db, id))!.json) as { status: string; agency: string };
    assert.equal((await status()).status, 'draft');
    const before = writesSoFar(db)!;
    await status();
    assert.equal(writesSoFar(db), before, 'reading writes nothing');
    await changeStatus(db, id, 'submitted', '', null);
    assert.equal((await status()).status, 'submitted');
    await db.update(agencies).set({ name: '改名后的机关' }).where(eq(agencies.id, (await db.select({ a: reports.agencyId }).from(reports).where(eq(reports.id, id)))[0].a!));
    assert.equal((await status()).agency, '改名后的机关');
    await db.transaction(async (tx) => {
      await tx.execute(sql`update ${reports} set status = 'returned' where ${reports.id} = ${id}`);
    });
    assert.equal((await status()).status, 'returned');
  } finally {
    await store.close();
  }
});

const pgBase = await postgresUrl();
test('on PostgreSQL a watched store (a server\'s) keeps a report row until a write: its own seen at once, another process\'s once the database announces it; a store not watched keeps nothing; a lost listener listens again', { skip: pgBase ? false : '没有 PostgreSQL（Debian postgresql 未安装）' }, async () => {
  const url = await freshDatabase(pgBase!, `xxgk_watch_${process.pid}`);
  const server = await openStore({ url, watchWrites: true });
  const worker = await openStore({ url });
  try {
    assert.equal(writesSoFar(worker.db), null, 'not watched: nothing kept');
    assert.notEqual(writesSoFar(server.db), null);
    const read = await readBytes(readFileSync(join(EXAMPLES, seedNames[0])), seedNames[0]);
    if (!read.ok) throw new Error(read.error);
    const [o] = await storeImports(worker.db, [{ name: 'a.txt', bytes: new TextEncoder().encode('a'), report: read.report, source: packSource(read.source), diagnostics: [] }]);
    const id = (o as { reportId: number }).reportId;
    const status = async () => (JSON.parse((await reportJson(server.db, id))!.json) as { status: string }).status;
    const setStatus = (db: typeof server.db, s: string) => db.execute(sql`update ${reports} set status = ${s} where ${reports.id} = ${id}`);
    /** True once `what` holds, asked every 20 ms for `ms` at most. */
    const until = async (what: () => boolean | Promise<boolean>, ms: number) => {
      for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) if (await what()) return true;
      return false;
    };
    const seen = (s: string) => until(async () => (await status()) === s, 5000);
    // The import's own announcements heard (they come a moment after its commit), then the row read.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await status(), 'draft');
    // Kept: a change the database does not announce (its triggers off for that transaction) is not seen.
    await worker.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await setStatus(tx as unknown as typeof server.db, 'approved');
    });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await status(), 'draft', 'the row was kept');
    // Another process's write: seen once announced.
    await setStatus(worker.db, 'submitted');
    assert.ok(await seen('submitted'), "another process's write is seen");
    // Its own writes: seen at once, by the pool's query and inside a transaction.
    await setStatus(server.db, 'returned');
    assert.equal(await status(), 'returned');
    await server.db.transaction((tx) => setStatus(tx as unknown as typeof server.db, 'published'));
    assert.equal(await status(), 'published');
    // The listening connection lost (its backend ended by an administrator): nothing kept while
    // none listens; a new connection listens after a second, and others' writes are seen again.
    await worker.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${LISTENER_NAME} and datname = current_database()`);
    assert.ok(await until(() => writesSoFar(server.db) === null, 2000), 'nothing kept once the listener is lost');
    assert.ok(await until(() => writesSoFar(server.db) !== null, 5000), 'listening again');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(await status(), 'published');
    await setStatus(worker.db, 'draft');
    assert.ok(await seen('draft'), "another process's write is seen after the reconnection");
  } finally {
    await worker.close();
    await server.close();
  }
});
