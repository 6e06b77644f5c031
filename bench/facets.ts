// The report list's facet counts (GET /api/v1/reports/facets' query, facetCounts) over 100,000
// reports on PostgreSQL (target < 200 ms) and on PGlite. The rows are made by SQL — ten thousand
// agencies under twenty governments, ten years, every status, errors and warnings — for the query
// alone: importing 100,000 files is bench/server.ts's part. Run: node --import tsx bench/facets.ts [N]
import { openStore } from '../src/db/index.ts';
import { facetCounts, listReports } from '../src/db/reports.ts';
import { freshDatabase, postgresUrl } from '../test/postgres.ts';
import { fillReports } from './rows.ts';

const N = Number(process.argv[2] ?? 100_000);

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
  await fillReports(store, N);
  const all = await time(`${name}: facets over ${N.toLocaleString('en-US')} reports`, () => facetCounts(store.db, {}));
  await time(`${name}: facets of one government's subtree, one year`, () => facetCounts(store.db, { agencyId: 3, year: 2022 }));
  await time(`${name}: the list's first page, newest first`, () => listReports(store.db, { limit: 50 }));
  if (name === 'PostgreSQL') console.log(`  (target < 200 ms: ${all < 200 ? 'met' : 'NOT met'})`);
  await store.close();
}
