// Backup and restore (src/db/backup.ts): an embedded store of 1,000 reports with edits, comments,
// accounts, tokens and audit entries, backed up and restored into an empty PostgreSQL and an empty
// PGlite — every row of every table the same, the API serving the same reports and versions, the
// accounts signing in, new rows numbered after the restored ones — and each bad restore (a store
// not empty, an archive cut short, bytes that are no backup) refused whole, leaving the store empty.
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { asc, is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type { FastifyInstance } from 'fastify';
import { backup, BackupError, restore } from '../src/db/backup.ts';
import { openStore, type Store } from '../src/db/index.ts';
import * as schema from '../src/db/schema.ts';
import { buildApp } from '../src/server/app.ts';
import { createToken, createUser } from '../src/server/auth.ts';
import { importFiles } from '../src/server/imports.ts';
import { distinctReportTexts } from './generate.ts';
import { freshDatabase, postgresUrl } from './postgres.ts';
import { tempDir } from './shared.ts';

const REPORTS = 1000;
const pgBase = await postgresUrl();

/** Every table's rows, ordered by key, as comparable JSON (bytes as base64). */
async function dump(store: Store): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of (Object.values(schema) as unknown[]).filter((x): x is PgTable => is(x, PgTable))) {
    const key = getTableConfig(t).columns.find((c) => c.primary)!;
    const rows = await store.db.select().from(t).orderBy(asc(key));
    out[getTableConfig(t).name] = JSON.stringify(rows, (_k, v: unknown) => (v && typeof v === 'object' && 'type' in v && (v as { type: string }).type === 'Buffer' ? Buffer.from((v as unknown as { data: number[] }).data).toString('base64') : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v));
  }
  return out;
}

describe('backup and restore', () => {
  let source: Store;
  let app: FastifyInstance;
  let auth: Record<string, string>;
  let file: string;
  let before_: Record<string, string>;
  let edited: number;
  const dir = tempDir('backup');

  before(async () => {
    source = await openStore({ dataDir: join(dir, 'laptop') });
    app = await buildApp({ store: source, spool: join(dir, 'spool'), jobs: 2 });
    const files = distinctReportTexts(REPORTS, 7000).map((text, i) => {
      const path = join(dir, `r${i}.txt`);
      writeFileSync(path, text);
      return { path, name: `r${i}.txt` };
    });
    const { jobs } = await importFiles(source.db, files, { jobs: 2, author: 'importer' });
    assert.equal(new Set(jobs.filter((j) => j.status === 'stored').map((j) => j.reportId)).size, REPORTS, 'a thousand reports');
    const admin = await createUser(source.db, { name: 'office', password: 'office password', role: 'admin', agencyId: null });
    auth = { authorization: `Bearer ${await createToken(source.db, { id: admin, name: 'office', role: 'admin', scope: null, via: 'session' }, 'cli')}` };
    edited = jobs[0].reportId!;
    const patch = await app.inject({ method: 'PATCH', url: `/api/v1/reports/${edited}`, payload: { sections: { '6': '无。' }, reason: '补写第六部分' }, headers: auth });
    assert.equal(patch.statusCode, 200, patch.body);
    await app.inject({ method: 'POST', url: `/api/v1/reports/${edited}/comments`, payload: { body: '请核对总计', path: 'applications.received.total' }, headers: auth });
    await app.inject({ method: 'POST', url: '/api/v1/session', payload: { name: 'office', password: 'office password' } });
    // A government made after its departments: the tree points forward (a child's parent has a larger id).
    const gov = (await app.inject({ method: 'POST', url: '/api/v1/agencies', payload: { name: '某市人民政府', parentId: null, kind: 'government' }, headers: auth })).json() as { id: number };
    const first = (await app.inject({ url: `/api/v1/reports/${edited}`, headers: auth })).json() as { agency: string };
    const placed = await app.inject({ method: 'POST', url: '/api/v1/agencies', payload: { name: first.agency, parentId: gov.id }, headers: auth });
    assert.equal(placed.statusCode, 201, placed.body);
    file = join(dir, 'xxgk.backup');
    await backup(source.db, file);
    before_ = await dump(source);
  });
  after(async () => {
    await app?.close();
    await source?.close();
  });

  const targets: { name: string; open: () => Promise<Store>; skip?: string }[] = [
    { name: 'an empty PostgreSQL', open: async () => openStore({ url: await freshDatabase(pgBase!, `xxgk_restore_${process.pid}`) }), ...(pgBase ? {} : { skip: '没有 PostgreSQL（Debian postgresql 未安装）' }) },
    { name: 'an empty PGlite', open: () => openStore({ dataDir: null }) },
  ];
  for (const target of targets) {
    test(`restored into ${target.name}: every row the same, the same reports and versions through the API, accounts sign in`, { skip: target.skip }, async () => {
      const store = await target.open();
      const served = await buildApp({ store, spool: join(dir, `spool-${target.name}`), jobs: 1 });
      try {
        const m = await restore(store.db, file);
        assert.equal(m.rows.reports, REPORTS);
        assert.ok(m.rows.audit_log > 0 && m.rows.users === 1 && m.rows.report_comments >= 1);
        assert.deepEqual(await dump(store), before_, 'every table, row for row');
        for (const url of [`/api/v1/reports/${edited}`, `/api/v1/reports/${edited}/versions`, `/api/v1/reports/${edited}/source`, '/api/v1/reports/facets', '/api/v1/audit?limit=5']) {
          const [a, b] = await Promise.all([app.inject({ url, headers: auth }), served.inject({ url, headers: auth })]);
          assert.equal(b.statusCode, 200, `${url}: ${b.body.slice(0, 200)}`);
          assert.equal(b.body, a.body, url);
        }
        const login = await served.inject({ method: 'POST', url: '/api/v1/session', payload: { name: 'office', password: 'office password' } });
        assert.equal(login.statusCode, 200, 'the restored password hash signs in');
        // New rows are numbered after the restored ones.
        const made = await served.inject({ method: 'POST', url: '/api/v1/agencies', payload: { name: '恢复后新建的机关', parentId: null }, headers: auth });
        assert.equal(made.statusCode, 201, made.body);
        const maxAgency = Math.max(...(JSON.parse(before_.agencies) as { id: number }[]).map((a) => a.id));
        assert.ok((made.json() as { id: number }).id > maxAgency);
        await assert.rejects(restore(store.db, file), (e: unknown) => e instanceof BackupError && /目标数据库不是空的/.test(e.message));
      } finally {
        await served.close();
        await store.close();
      }
    });
  }

  test('an archive cut short, or bytes that are no backup, are refused in Chinese and leave the store empty', async () => {
    const whole = readFileSync(file);
    assert.ok(statSync(file).size > 0);
    const cut = join(dir, 'cut.backup');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const junk = join(dir, 'junk.backup');
    writeFileSync(junk, '这不是备份');
    for (const [f, message] of [[cut, /备份(文件已损坏|不完整)/], [junk, /不是 xxgk 的备份/], [join(dir, 'none.backup'), /找不到备份文件/]] as const) {
      const store = await openStore({ dataDir: null });
      try {
        await assert.rejects(restore(store.db, f), (e: unknown) => e instanceof BackupError && message.test(e.message), f);
        const rows = await dump(store);
        for (const [t, json] of Object.entries(rows)) assert.equal(json, '[]', `${t} is empty after the refused restore`);
      } finally {
        await store.close();
      }
    }
  });
});
