// The store's sum (src/db/cells.ts: each report's cells as columns, summed by SQL, finished by the
// engine's finishSum) against the engine's own sum over the models (sumReports), on both
// databases: as a property over random reports of both formats, with blanks, amounts in 万元 and
// years whose format differs from the one the report was printed in; and the rows kept right
// when an edit moves a report to another year, when a count does not fit its column, and when a
// store from before the tables is opened.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { eq, sql } from 'drizzle-orm';
import { openStore, type Store } from '../src/db/index.ts';
import { fillCells, idArray, storedHeads, sumStored } from '../src/db/cells.ts';
import { packSource, storeEdit, storeImports, type ImportItem } from '../src/db/reports.ts';
import { cells2019, cells2021, reports } from '../src/db/schema.ts';
import { modelSource } from '../src/map/json.ts';
import { setCell } from '../src/model/paths.ts';
import type { Report } from '../src/model/report.ts';
import { finishSum, sumReports } from '../src/sum/index.ts';
import { cellsOf, templateFor, versionForYear, type TemplateVersion } from '../src/template/index.ts';
import { randomReport, rng } from './generate.ts';
import { freshDatabase, postgresUrl } from './postgres.ts';

const RUNS = Number(process.env.XXGK_PROPERTY_RUNS ?? 15);
const pgBase = await postgresUrl();
const backends: { name: string; open: () => Promise<Store>; skip?: string }[] = [
  { name: 'PGlite', open: () => openStore({ dataDir: null }) },
  { name: 'PostgreSQL', open: async () => openStore({ url: await freshDatabase(pgBase!, `xxgk_cells_${process.pid}`) }), ...(pgBase ? {} : { skip: '没有 PostgreSQL（Debian postgresql 未安装）' }) },
];

/** A random report printed in `version`, of `agency` for `year`, each cell blank with probability `blank`. */
function report(seed: number, version: TemplateVersion, agency: string, year: number, blank: number): Report {
  const r = randomReport(seed, version);
  const rand = rng(seed ^ 0x2545f491);
  for (const c of cellsOf(templateFor(version))) if (rand() < blank) setCell(r, c.path, null);
  r.meta = { ...r.meta, agency, year };
  return r;
}

let files = 0;
const item = (r: Report): ImportItem => {
  const name = `f${++files}.json`;
  return { name, bytes: new TextEncoder().encode(`${name} ${Math.random()}`), report: r, source: packSource(modelSource(r, name)), diagnostics: [] };
};

for (const backend of backends) {
  describe(`the store's sum on ${backend.name}`, { skip: backend.skip }, () => {
    let store: Store;
    before(async () => {
      store = await backend.open();
    });
    after(async () => {
      await store.close();
    });

    /** The store's sum of `ids` for `year`, and the engine's over the same models in the same order. */
    const both = async (ids: number[], models: Report[], year: number) => {
      const version = versionForYear(year);
      const where = sql`${reports.id} = any(${idArray(ids)})`;
      const finish = sumStored(store.db, version, where);
      const { heads, exact, hidden } = await storedHeads(store.db, where, sql`true`, year, version);
      assert.deepEqual(heads.map((h) => h.id), ids);
      assert.deepEqual({ exact, hidden }, { exact: true, hidden: null });
      const file = (id: number) => `报告（#${id}）`;
      const opts = { agency: '测试市人民政府', year, template: version };
      const cells = await finish(heads);
      const mine = finishSum(cells, heads.map((h) => ({ file: file(h.id), agency: h.agency, year: h.year, template: h.template })), opts);
      const engine = sumReports(models.map((m, i) => ({ file: file(ids[i]), report: m })), opts);
      assert.ok(engine.ok);
      return { mine, engine };
    };

    test(`any reports summed from the store's cells give the engine's sum: cells, findings, checks (fast-check, ${RUNS} runs)`, async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ seed: fc.integer({ min: 0, max: 1e6 }), printed: fc.constantFrom<TemplateVersion>('2019', '2021'), blank: fc.constantFrom(0, 0, 0.02, 0.3) }), { minLength: 1, maxLength: 8 }),
          fc.constantFrom(2020, 2022),
          fc.boolean(),
          async (specs, year, twice) => {
            run++;
            // Agencies named twice now and then (sum-duplicate), each report its own (agency, year).
            const models = specs.map((s, i) => report(s.seed, s.printed, `第${run}轮${twice && i % 3 === 2 ? `机关${i - 1}` : `机关${i}`}${twice && i % 3 === 2 ? '（重名）' : ''}`, year, s.blank));
            if (twice && models.length > 2) models[2].meta.agency = models[1].meta.agency + ' ';
            const out = await storeImports(store.db, models.map(item));
            const ids = out.map((o) => ('reportId' in o ? o.reportId : assert.fail(JSON.stringify(o))));
            const { mine, engine } = await both(ids, models, year);
            assert.ok(engine.ok);
            assert.deepEqual(mine.report, engine.report);
            assert.deepEqual(mine.findings, engine.findings);
            assert.deepEqual(mine.diagnostics, engine.diagnostics);
          },
        ),
        { numRuns: RUNS },
      );
    });

    test('an edit that moves a report to a year of the other format moves its row; one without a year has none', async () => {
      const r = report(7, '2021', '迁移局', 2022, 0);
      const [o] = await storeImports(store.db, [item(r)]);
      const id = 'reportId' in o ? o.reportId : assert.fail();
      const rowsOf = async () => ({
        y2019: (await store.db.select({ id: cells2019.reportId }).from(cells2019).where(eq(cells2019.reportId, id))).length,
        y2021: (await store.db.select({ id: cells2021.reportId }).from(cells2021).where(eq(cells2021.reportId, id))).length,
      });
      assert.deepEqual(await rowsOf(), { y2019: 0, y2021: 1 });
      const moved = structuredClone(r);
      moved.meta.year = 2020;
      await storeEdit(store.db, id, { report: moved, source: modelSource(moved, 'x') }, [], '测试', '改年度');
      assert.deepEqual(await rowsOf(), { y2019: 1, y2021: 0 });
      const { mine, engine } = await both([id], [moved], 2020);
      assert.ok(engine.ok);
      assert.deepEqual(mine.report, engine.report, 'the 2021 report converted to 2019 as the engine converts it');
      const none = structuredClone(r);
      none.meta.year = null;
      await storeEdit(store.db, id, { report: none, source: modelSource(none, 'x') }, [], '测试', '删年度');
      assert.deepEqual(await rowsOf(), { y2019: 0, y2021: 0 });
    });

    test('a count that is not a whole number, or past 2^31 − 1, makes its row inexact (the sum then goes the engine’s way), never rounded', async () => {
      const r = report(8, '2021', '小数局', 2023, 0);
      setCell(r, 'applications.received.naturalPerson', 1.5);
      setCell(r, 'active.fees.amount', 0.1234);
      const [o] = await storeImports(store.db, [item(r)]);
      const id = 'reportId' in o ? o.reportId : assert.fail();
      const found = await storedHeads(store.db, sql`${reports.id} = ${id}`, sql`true`, 2023, '2021');
      assert.equal(found.exact, false);
      const [row] = (await store.db.select().from(cells2021).where(eq(cells2021.reportId, id))) as Record<string, unknown>[];
      assert.equal(row['applications.received.naturalPerson'], null);
      assert.equal(row['active.fees.amount'], '0.1234');
      // A count past the integer column's range: the same.
      const big = report(12, '2021', '大数局', 2023, 0);
      setCell(big, 'applications.received.total', 2 ** 31);
      const [b] = await storeImports(store.db, [item(big)]);
      const bigId = 'reportId' in b ? b.reportId : assert.fail();
      assert.equal((await storedHeads(store.db, sql`${reports.id} = ${bigId}`, sql`true`, 2023, '2021')).exact, false);
      setCell(big, 'applications.received.total', 2 ** 31 - 1);
      await storeEdit(store.db, bigId, { report: big, source: modelSource(big, 'x') }, [], '测试', '改小');
      assert.equal((await storedHeads(store.db, sql`${reports.id} = ${bigId}`, sql`true`, 2023, '2021')).exact, true);
    });

    test('a store from before the tables gets its rows at open (fillCells), and sums the same', async () => {
      const models = [report(9, '2021', '补行甲局', 2022, 0.1), report(10, '2019', '补行乙局', 2022, 0)];
      const ids = (await storeImports(store.db, models.map(item))).map((o) => ('reportId' in o ? o.reportId : assert.fail()));
      const before = await both(ids, models, 2022);
      await store.db.execute(sql`delete from ${cells2021} where ${cells2021.reportId} in (${sql.join(ids, sql`, `)})`);
      await store.db.update(reports).set({ cellsExact: null, cellsNull: null }).where(sql`${reports.id} = any(${idArray(ids)})`);
      await fillCells(store.db);
      const rows = await store.db.select({ id: cells2021.reportId }).from(cells2021).where(sql`${cells2021.reportId} = any(${idArray(ids)})`);
      assert.equal(rows.length, 2);
      assert.deepEqual((await both(ids, models, 2022)).mine, before.mine);
    });
  });
}
