// A sum over 100,000 stored reports (target < 1 s on PostgreSQL), as a user asks for it: POST
// /api/v1/sum of a government's subtree for a year, to the built server over HTTP. The rows are made
// by SQL — a government with 100,000 departments, a report each for 2023, one in seven printed in
// the 2019 format, a blank now and then — for the sum alone: importing files is bench/server.ts's
// part. The store sums its cell columns (src/db/cells.ts) and the engine finishes the sum.
// Run: npm run build && node --import tsx bench/sum.ts [N]
import { getTableColumns, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { cpus, loadavg } from 'node:os';
import { openStore, type Store } from '../src/db/index.ts';
import { cells2021 } from '../src/db/schema.ts';
import { cellsOf, templateFor } from '../src/template/index.ts';
import { freshDatabase, postgresUrl } from '../test/postgres.ts';
import { start } from '../test/server-process.ts';
import { tempDir } from '../test/shared.ts';

const N = Number(process.argv[2] ?? 100_000);
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

async function fill(store: Store) {
  await store.db.execute(sql`insert into agencies (name, kind, path) values ('汇总测试市人民政府', 'government', '')`);
  await store.db.execute(sql`update agencies set path = '/' || id || '/'`);
  await store.db.execute(sql`insert into agencies (name, parent_id, kind, path) select '部门' || g, 1, 'department', '' from generate_series(1, ${N}) g`);
  await store.db.execute(sql`update agencies a set path = p.path || a.id || '/' from agencies p where p.id = a.parent_id`);
  await store.db.execute(sql`insert into reports (agency_id, year, template, status, search_text) select a.id, 2023, case when a.id % 7 = 0 then '2019' else '2021' end, 'published', '' from agencies a where a.parent_id = 1`);
  await store.db.execute(sql`update reports set current_version = id`);
  // The cells as the store writes them (db/cells.ts): one in 200 values blank; the 2019-printed
  // reports' cells with no 2021 counterpart (section 二 but the three 处理决定数量) blank.
  const columns = getTableColumns(cells2021) as Record<string, PgColumn>;
  const cells = cellsOf(templateFor('2021'));
  const mapped = new Set(['active.licensing.decisions', 'active.punishment.decisions', 'active.coercion.decisions']);
  const value = (path: string, unit: boolean) => {
    const v = unit ? sql`round((random() * 100)::numeric, 4)` : sql`(random() * 20)::bigint`;
    const blank = path.startsWith('active.') && !mapped.has(path) ? sql`r.template = '2019' or random() < 0.005` : sql`random() < 0.005`;
    return sql`case when ${blank} then null else ${v} end`;
  };
  await store.db.execute(sql`insert into ${cells2021} (report_id, version_id, ${sql.join(
    cells.map((c) => sql.identifier(columns[c.path].name)),
    sql`, `,
  )}) select r.id, r.id, ${sql.join(
    cells.map((c) => value(c.path, c.column.unit !== undefined)),
    sql`, `,
  )} from reports r`);
  // Each report's head as writeCells leaves it: the printed agency, and where its blanks are.
  const blanks = sql.join(
    cells.map((c, k) => sql`case when ${sql.identifier(columns[c.path].name)} is null and not (r.template = '2019' and ${c.path.startsWith('active.') && !mapped.has(c.path)}) then ${k} end`),
    sql`, `,
  );
  await store.db.execute(sql`update reports r set printed_agency = a.name, cells_exact = true, cells_null = array_remove(array[${blanks}]::smallint[], null)
    from agencies a, ${cells2021} c where a.id = r.agency_id and c.report_id = r.id`);
  await store.db.execute(sql`analyze`);
}

async function admin(url: string, output: () => string) {
  const password = /admin\s+一次性密码：(\S+?)（/.exec(output())?.[1];
  const login = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'admin', password }) });
  const { csrf } = (await login.json()) as { csrf: string };
  return { cookie: login.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': csrf };
}

console.log(`machine: ${cpus()[0]?.model}, ${cpus().length} cores, node ${process.version}, load ${loadavg()[0].toFixed(2)}; ${fmt(N)} reports`);
const pg = await postgresUrl();
const runs: [string, () => Promise<{ env: Record<string, string>; store: Store }>][] = [
  ['PostgreSQL', async () => {
    const url = await freshDatabase(pg!, `xxgk_sum_${process.pid}`);
    return { env: { DATABASE_URL: url }, store: await openStore({ url }) };
  }],
  ['PGlite', async () => {
    const dir = tempDir('bench-sum');
    return { env: { XXGK_DATA: dir }, store: await openStore({ dataDir: dir }) };
  }],
];
for (const [name, open] of runs) {
  if (name === 'PostgreSQL' && !pg) continue;
  const { env, store } = await open();
  const t0 = performance.now();
  await fill(store);
  await store.close();
  console.log(`${name}: ${fmt(N)} reports made by SQL in ${fmt((performance.now() - t0) / 1000, 1)} s`);
  const s = start({ LOG_LEVEL: 'error', ...env });
  try {
    const url = await s.url;
    const headers = { ...(await admin(url, s.output)), 'content-type': 'application/json' };
    const times: number[] = [];
    let size = 0;
    let findings = 0;
    for (let i = 0; i < 6; i++) {
      const t = performance.now();
      const res = await fetch(`${url}/api/v1/sum`, { method: 'POST', headers, body: JSON.stringify({ agency: 1, year: 2023 }) });
      const text = await res.text();
      times.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`sum: ${res.status} ${text.slice(0, 300)}`);
      size = text.length;
      findings = (JSON.parse(text) as { findings: unknown[] }).findings.length;
    }
    const best = Math.min(...times.slice(1));
    console.log(`${name}: POST /api/v1/sum of ${fmt(N)} reports: first ${fmt(times[0])} ms, best of 5 after ${fmt(best)} ms, median ${fmt([...times.slice(1)].sort((a, b) => a - b)[2])} ms; ${fmt(size / 1e6, 1)} MB of JSON, ${findings} findings${name === 'PostgreSQL' ? ` (target < 1 s: ${best < 1000 ? 'met' : 'NOT met'})` : ''}`);
  } finally {
    s.child.kill('SIGTERM');
    await s.exited;
  }
}
