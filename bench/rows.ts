// Report rows made by SQL for the list's benchmarks (bench/facets.ts, bench/web.ts): ten thousand
// agencies under twenty governments, ten years, every status, errors and warnings — rows of the
// list (no versions: importing 100,000 files is bench/server.ts's part).
import { sql } from 'drizzle-orm';
import type { Store } from '../src/db/index.ts';

export async function fillReports(store: Store, N: number) {
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
