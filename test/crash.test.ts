// The crash test, on the embedded store and on PostgreSQL: the built server imports 2,000 files
// (two uploads), is killed with SIGKILL mid-import, starts again on the same data (the embedded
// store takes its spooled jobs up again; on PostgreSQL the queue hands out the jobs left queued,
// and those the dead server was reading once their lease — 10 s here — runs out), and the 2,000
// files are imported again: every report present exactly once with one imported version and its
// source file, none half-written, no job left queued or reading.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openStore } from '../src/db/index.ts';
import { distinctReportTexts } from './generate.ts';
import { freshDatabase, postgresUrl } from './postgres.ts';
import { built, start } from './server-process.ts';
import { tempDir } from './shared.ts';

const FILES = 2000;
const PER_UPLOAD = 1000;

type Batch = { batch: string; total: number; queued: number; reading: number; stored: number; failed: number; jobs: { duplicate: boolean; reason: string | null }[] };

const pgBase = await postgresUrl();
const backends = [
  { name: 'the embedded store', env: async () => ({}), open: (data: string) => openStore({ dataDir: data }) },
  { name: 'PostgreSQL', skip: !pgBase && '没有 PostgreSQL（Debian postgresql 未安装）', env: async () => ({ DATABASE_URL: await freshDatabase(pgBase!, `xxgk_crash_${process.pid}`), XXGK_LEASE_SECONDS: '10' }), open: (_: string, env: Record<string, string>) => openStore({ url: env.DATABASE_URL }) },
];

for (const backend of backends) test(`${backend.name}: SIGKILL mid-import of 2,000 files, restart, import again: each report once, none half-written, no job stuck`, { skip: (!built && 'dist/ 不存在：先运行 npm run build') || backend.skip || false, timeout: 900_000 }, async () => {
  const data = tempDir('crash');
  const env: Record<string, string> = { XXGK_DATA: data, ...(await backend.env()) };
  const texts = distinctReportTexts(FILES, 40_000);
  const first = start(env);
  const url = await first.url;
  const password = /admin\s+一次性密码：(\S+?)（/.exec(first.output())?.[1];
  assert.ok(password, first.output());
  const login = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'admin', password }) });
  const { csrf } = (await login.json()) as { csrf: string };
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const made = await fetch(`${url}/api/v1/tokens`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'crash test' }) });
  const { token } = (await made.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };

  const upload = async (base: string, from: number, wait: boolean) => {
    const f = new FormData();
    for (let i = from; i < from + PER_UPLOAD; i++) f.append('file', new Blob([texts[i]]), `r${String(i).padStart(4, '0')}.txt`);
    const r = await fetch(`${base}/api/v1/imports${wait ? '?wait=true' : ''}`, { method: 'POST', body: f, headers: auth });
    assert.equal(r.status, wait ? 201 : 202, await r.clone().text());
    return (await r.json()) as { batch: string };
  };
  const state = async (base: string, batch: string) => (await (await fetch(`${base}/api/v1/imports/${batch}`, { headers: auth })).json()) as Batch;

  const batches = [await upload(url, 0, false), await upload(url, PER_UPLOAD, false)];
  // Killed once a few hundred are stored, with the rest queued or being read.
  for (let t = Date.now(); ; ) {
    const s = await state(url, batches[0].batch);
    if (s.stored >= 200) break;
    assert.ok(Date.now() - t < 300_000, `imports did not start: ${JSON.stringify(s).slice(0, 200)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const left = await state(url, batches[1].batch);
  assert.ok(left.queued + left.reading > 0, 'killed mid-import: jobs were still queued or being read');
  first.child.kill('SIGKILL');
  await first.exited;

  const second = start(env);
  const url2 = await second.url;
  // The jobs the killed server left are taken up again and end.
  for (const { batch } of batches) {
    for (let t = Date.now(); ; ) {
      const s = await state(url2, batch);
      if (s.queued + s.reading === 0) {
        assert.equal(s.total, PER_UPLOAD);
        assert.equal(s.failed, 0, `none failed: ${s.jobs.find((j) => j.reason)?.reason}`);
        break;
      }
      assert.ok(Date.now() - t < 600_000, `jobs stuck: ${JSON.stringify({ ...s, jobs: undefined })}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  // Imported again: every file found, nothing stored twice.
  for (const from of [0, PER_UPLOAD]) {
    const { batch } = await upload(url2, from, true);
    const s = await state(url2, batch);
    assert.equal(s.stored, PER_UPLOAD);
    assert.ok(s.jobs.every((j) => j.duplicate), 'the same bytes again are the same report');
  }
  second.child.kill('SIGTERM');
  assert.equal(await second.exited, 0, second.output());

  const store = await backend.open(data, env);
  try {
    const one = async (q: ReturnType<typeof sql>) => Number(((await store.db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0].n);
    assert.equal(await one(sql`select count(*)::int as n from reports`), FILES + 5, 'the 2,000 and the five examples, each once');
    assert.equal(await one(sql`select count(*)::int as n from reports r left join report_versions v on v.id = r.current_version where v.id is null or v.model is null`), 0, 'every report has its current version and model');
    assert.equal(await one(sql`select count(*)::int as n from report_versions`), FILES + 5, 'one imported version each');
    assert.equal(await one(sql`select count(*)::int as n from report_versions v left join source_files s on s.sha256 = v.sha256 where s.sha256 is null`), 0, 'every version has its source file');
    assert.equal(await one(sql`select count(*)::int as n from source_files`), FILES + 5);
    assert.equal(await one(sql`select count(*)::int as n from import_jobs where status in ('queued', 'reading')`), 0, 'no job left behind');
  } finally {
    await store.close();
  }
});
