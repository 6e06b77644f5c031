// `npm start` as a user runs it: the built server on the embedded database in a new data folder
// imports the examples, answers, and on SIGTERM finishes and exits 0; started again on the same
// folder it keeps what it stored. A database it cannot reach is one Chinese line and exit 2.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { built, start } from './server-process.ts';
import { tempDir } from './shared.ts';


test('npm start: examples imported on first start, /healthz, SIGTERM exits 0, data kept', { skip: !built && 'dist/ 不存在：先运行 npm run build', timeout: 120_000 }, async () => {
  const data = tempDir('serve');
  const first = start({ XXGK_DATA: data });
  const url = await first.url;
  assert.deepEqual(await (await fetch(`${url}/healthz`)).json(), { ok: true, database: 'pglite' });
  const password = /admin\s+一次性密码：(\S+?)（/.exec(first.output())?.[1];
  assert.ok(password, `the first start prints the admin's password: ${first.output()}`);
  const reportsAs = async (base: string) => {
    const login = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'admin', password }) });
    assert.equal(login.status, 200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    return ((await (await fetch(`${base}/api/v1/reports?limit=100`, { headers: { cookie } })).json()) as { items: unknown[] }).items;
  };
  assert.equal((await reportsAs(url)).length, 5, 'the five example reports');
  assert.equal(((await (await fetch(`${url}/api/v1/reports`)).json()) as { items: unknown[] }).items.length, 0, 'a visitor sees published reports only');
  first.child.kill('SIGTERM');
  assert.equal(await first.exited, 0, first.output());

  const second = start({ XXGK_DATA: data });
  assert.equal((await reportsAs(await second.url)).length, 5, 'kept, not imported twice');
  assert.doesNotMatch(second.output(), /一次性密码/, 'the password is printed once');
  second.child.kill('SIGTERM');
  assert.equal(await second.exited, 0);
});

test('a database that cannot be reached: one Chinese line, exit 2', { skip: !built && 'dist/ 不存在', timeout: 60_000 }, async () => {
  const s = start({ XXGK_DATA: tempDir('serve-bad'), DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
  await s.url.catch(() => undefined);
  assert.equal(await s.exited, 2);
  assert.match(s.output(), /xxgk: 无法连接到 DATABASE_URL 指定的 PostgreSQL 服务器/);
  assert.doesNotMatch(s.output(), /\n\s+at /, 'no stack trace');
});
