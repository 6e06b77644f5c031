// `xxgk import` as a user runs it: into the embedded store of a data folder, and through a
// running server's API with a token; again without storing twice; unreadable files named.
import assert from 'node:assert/strict';
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../src/db/index.ts';
import { listReports } from '../src/db/reports.ts';
import { buildApp } from '../src/server/app.ts';
import { createToken, createUser } from '../src/server/auth.ts';
import { EXAMPLES, ROOT, seedNames, tempDir } from './shared.ts';

const XXGK = join(ROOT, 'bin', 'xxgk.js');
const built = existsSync(join(ROOT, 'dist', 'cli', 'server.js'));
const run = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, [XXGK, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
const runAsync = (args: string[]) =>
  new Promise<{ status: number | null; stderr: string }>((done) => {
    const c = spawn(process.execPath, [XXGK, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    c.stderr.on('data', (d) => (stderr += d));
    c.on('exit', (status) => done({ status, stderr }));
  });

test('xxgk import into a data folder: stored, then found again; a file that is not a report is named, exit 2', { skip: !built && 'dist/ 不存在', timeout: 180_000 }, async () => {
  const data = tempDir('import-data');
  const first = run(['import', EXAMPLES, '--data', data]);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stderr, /导入了 5 份报告/);
  const bad = join(tempDir('import-bad'), 'notes.txt');
  writeFileSync(bad, '会议纪要');
  const again = run(['import', EXAMPLES, bad, '--data', data]);
  assert.equal(again.status, 2);
  assert.match(again.stderr, /notes\.txt: .*年度报告/);
  assert.match(again.stderr, /导入了 5 份报告（其中 5 份此前已导入），1 个文件未能导入/);
  const store = await openStore({ dataDir: data });
  assert.equal((await listReports(store.db, { limit: 100 })).items.length, 5);
  await store.close();
});

test('xxgk import of a .zip: the files in it, named inside it; an archive with a path out of it is refused whole, exit 2', { skip: !built && 'dist/ 不存在', timeout: 180_000 }, async () => {
  const data = tempDir('import-zip-data');
  const dir = tempDir('import-zip');
  const good = join(dir, '报告.zip');
  writeFileSync(good, zipSync({ '2024/': {}, [`2024/${seedNames[0]}`]: readFileSync(join(EXAMPLES, seedNames[0])), [`2024/${seedNames[1]}`]: readFileSync(join(EXAMPLES, seedNames[1])) }));
  const evil = join(dir, 'evil.zip');
  writeFileSync(evil, zipSync({ '../outside.txt': readFileSync(join(EXAMPLES, seedNames[2])) }));
  const r = run(['import', good, evil, '--data', data]);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /evil\.zip: .*指向包外/);
  assert.match(r.stderr, /导入了 2 份报告/);
  const { importJobs } = await import('../src/db/schema.ts');
  const store = await openStore({ dataDir: data });
  const names = (await store.db.select({ name: importJobs.fileName }).from(importJobs)).map((j) => j.name).sort();
  assert.deepEqual(names, [`${good}/2024/${seedNames[0]}`, `${good}/2024/${seedNames[1]}`].sort());
  assert.equal((await listReports(store.db, { limit: 100 })).items.length, 2);
  await store.close();
  assert.ok(!existsSync(join(dir, 'outside.txt')));
});

test('xxgk import --server: through the API with a token, following the batch to its end', { skip: !built && 'dist/ 不存在', timeout: 180_000 }, async () => {
  const store = await openStore({ dataDir: null });
  const app = await buildApp({ store, spool: tempDir('import-spool'), jobs: 1 });
  const id = await createUser(store.db, { name: 'clerk', password: 'clerk password', role: 'admin', agencyId: null });
  const token = await createToken(store.db, { id, name: 'clerk', role: 'admin', scope: null, via: 'session' }, 'cli');
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const r = await runAsync(['import', EXAMPLES, '--server', url, '--token', token]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /导入了 5 份报告/);
    assert.equal((await listReports(store.db, { limit: 100 })).items.length, 5);
    const refused = await runAsync(['import', EXAMPLES, '--server', url, '--token', 'wrong']);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /服务器拒绝了导入：API 令牌无效/);
  } finally {
    await app.close();
    await store.close();
  }
});

test('xxgk backup and restore: a data folder to a file and into a new data folder; an existing file kept without --force; a store not empty refused, exit 2', { skip: !built && 'dist/ 不存在', timeout: 240_000 }, async () => {
  const laptop = tempDir('backup-laptop');
  assert.equal(run(['import', EXAMPLES, '--data', laptop]).status, 0);
  const file = join(tempDir('backup-file'), 'xxgk.backup');
  const made = run(['backup', file, '--data', laptop]);
  assert.equal(made.status, 0, made.stderr);
  assert.match(made.stderr, new RegExp(`已备份到 .*xxgk\\.backup：5 份报告`));
  const again = run(['backup', file, '--data', laptop]);
  assert.equal(again.status, 2, 'an existing file is not overwritten');
  assert.match(again.stderr, /--force/);
  assert.equal(run(['backup', file, '--data', laptop, '--force']).status, 0);
  const server = tempDir('backup-server');
  const restored = run(['restore', file, '--data', server]);
  assert.equal(restored.status, 0, restored.stderr);
  assert.match(restored.stderr, /已从 .* 恢复到 .*：5 份报告/);
  const store = await openStore({ dataDir: server });
  assert.equal((await listReports(store.db, { limit: 100 })).items.length, 5);
  await store.close();
  const twice = run(['restore', file, '--data', server]);
  assert.equal(twice.status, 2);
  assert.match(twice.stderr, /目标数据库不是空的/);
  assert.doesNotMatch(twice.stderr, /at \w+ \(|Error/);
});
