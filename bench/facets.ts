// The report list's facet counts (GET /api/v1/reports/facets' query, facetCounts) over 100,000
// reports on PostgreSQL (target < 200 ms) and on PGlite. The rows are made by SQL — ten thousand
// agencies under twenty governments, ten years, every status, errors and warnings — for the query
// alone: importing 100,000 files is bench/server.ts's part. Run: node --import tsx bench/facets.ts [N]
import { sql } from 'drizzle-orm';
import { openStore, type Store } from '../src/db/index.ts';
import { facetCounts, listReports } from '../src/db/reports.ts';
import { freshDatabase, postgresUrl } from '../test/postgres.ts';

const N = Number(process.argv[2] ?? 100_000);

async function fill(store: Store) {
  await store.db.execute(sql`insert into agencies (name, kind, region_code) select '政府' || g, 'government', (420000 + g * 100)::text from generate_series(1, 20) g`);
  await store.db.execute(sql`update agencies set path = '/' || id || '/'`);
  await store.db.execute(sql`insert into agencies (name, parent_id, kind, region_code, path) select '部门' || g, 1 + g % 20, 'department', (420000 + (1 + g % 20) * 100 + 1)::text, '' from generate_series(1, 9980) g`);
  await store.db.execute(sql`update agencies a set path = p.path || a.id || '/' from agencies p where p.id = a.parent_id`);
  await store.db.execute(sql`insert into reports (agency_id, year, template, status, errors, warnings)
    select 1 + (g % 10000), 2015 + (g / 10000) % 10, case when g % 7 = 0 then '2019' else '2021' end,
      (array['draft','submitted','returned','approved','published'])[1 + g % 5], (g % 11) / 8, g % 4
    from generate_series(0, ${N - 1}) g`);
  await store.db.execute(sql`analyze`);
}

async function time(label: string, f: () => Promise<unknown>) {
  await f();
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await f();
    best = Math.min(best, performance.now() - t);
  }
  console.log(`${label}: ${best.toFixed(1)} ms (best of 5)`);
  return best;
}

const pg = await postgresUrl();
for (const [name, open] of [
  ['PostgreSQL', async () => openStore({ url: await freshDatabase(pg!, `xxgk_facets_${process.pid}`) })],
  ['PGlite', async () => openStore({ dataDir: null })],
] as const) {
  if (name === 'PostgreSQL' && !pg) continue;
  const store = await open();
  await fill(store);
  const all = await time(`${name}: facets over ${N.toLocaleString('en-US')} reports`, () => facetCounts(store.db, {}));
  await time(`${name}: facets of one government's subtree, one year`, () => facetCounts(store.db, { agencyId: 3, year: 2022 }));
  await time(`${name}: the list's first page, newest first`, () => listReports(store.db, { limit: 50 }));
  if (name === 'PostgreSQL') console.log(`  (target < 200 ms: ${all < 200 ? 'met' : 'NOT met'})`);
  await store.close();
}
