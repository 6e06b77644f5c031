// The store alone, in process: storeImports' cost a report in groups of 64 (the source maps packed before, as the batch workers do) (wall and CPU), on PGlite
// (a temporary data folder) or PostgreSQL (the test cluster). Run: node --import tsx bench/store.ts [N] [pglite|pg]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBytes } from '../src/engine.ts';
import { check } from '../src/check/index.ts';
import { openStore } from '../src/db/index.ts';
import { packSource, storeImports } from '../src/db/reports.ts';
import { distinctReportTexts } from '../test/generate.ts';
import { postgresUrl, freshDatabase } from '../test/postgres.ts';
const N = Number(process.argv[2] ?? 640);
const texts = distinctReportTexts(N, 777);
const reads = [];
for (let i = 0; i < N; i++) {
  const bytes = new TextEncoder().encode(texts[i]);
  const r = await readBytes(bytes, `r${i}.txt`, {});
  if (!r.ok) throw new Error(r.error);
  reads.push({ name: `r${i}.txt`, bytes, report: r.report, source: packSource(r.source), diagnostics: check(r, []) });
}
const kind = process.argv[3] ?? 'pglite';
const store = kind === 'pg' ? await openStore({ url: await freshDatabase((await postgresUrl())!, 'probe' + Date.now()) }) : await openStore({ dataDir: mkdtempSync(join(tmpdir(), 'probe-')) });
const t0 = performance.now();
const c0 = process.cpuUsage();
for (let i = 0; i < N; i += 64) await storeImports(store.db, reads.slice(i, i + 64));
const cu = process.cpuUsage(c0);
console.log(`${kind} grouped: ${((performance.now() - t0) / N).toFixed(2)} ms a report, cpu ${((cu.user + cu.system) / 1000 / N).toFixed(2)} ms`);
await store.close();
