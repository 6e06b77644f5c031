// Imports stored in groups (src/db/reports.ts storeImports), on both databases: the same bytes
// twice in one group are one report, one agency's year twice is two versions in order, a report
// without an agency stands alone, a file the database refuses fails alone and leaves nothing, an
// account limited to a subtree creates no agency; and, as a property, any sequence of files stored
// in groups leaves the store as storing them one at a time does.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { and, eq, inArray, like } from 'drizzle-orm';
import { readBytes } from '../src/engine.ts';
import { openStore, type Store } from '../src/db/index.ts';
import { changeStatus, fillPackedSources, packSource, getReport, OutOfScope, reportJson, storeEdit, sourceToJson, storeImport, storeImports, type ImportItem, type StoreOutcome } from '../src/db/reports.ts';
import { agencies, importJobs, reports, reportVersions, sourceFiles } from '../src/db/schema.ts';
import type { ReadReport } from '../src/map/source.ts';
import { freshDatabase, postgresUrl } from './postgres.ts';
import { EXAMPLES, seedNames, tempDir } from './shared.ts';

const pgBase = await postgresUrl();
const backends: { name: string; open: () => Promise<Store>; skip?: string }[] = [
  { name: 'PGlite', open: () => openStore({ dataDir: null }) },
  { name: 'PostgreSQL', open: async () => openStore({ url: await freshDatabase(pgBase!, `xxgk_groups_${process.pid}`) }), ...(pgBase ? {} : { skip: '没有 PostgreSQL（Debian postgresql 未安装）' }) },
];

const seed = await readBytes(readFileSync(join(EXAMPLES, seedNames[0])), seedNames[0]);
if (!seed.ok) throw new Error(seed.error);

/** A file of `agency` for `year` whose bytes are `content` (the bytes only name the file). */
function item(agency: string | null, year: number | null, content: string, title?: string): ImportItem {
  const read = structuredClone(seed as ReadReport);
  read.report.meta.agency = agency;
  read.report.meta.year = year;
  if (title !== undefined) read.report.meta.title = title;
  return { name: `${content}.txt`, bytes: new TextEncoder().encode(content), report: read.report, source: packSource(read.source), diagnostics: [] };
}

const stored = (o: StoreOutcome) => {
  assert.ok(!(o instanceof OutOfScope) && !('failed' in o), `stored: ${String(o instanceof Error ? o.message : JSON.stringify(o))}`);
  return o;
};

for (const backend of backends) {
  describe(`imports stored in groups on ${backend.name}`, { skip: backend.skip }, () => {
    let store: Store;
    before(async () => {
      store = await backend.open();
    });
    after(async () => {
      await store.close();
    });

    /** Each report of agencies named `prefix…`: its agency, year and its versions' file names in order, the current one last. */
    const state = async (prefix: string) => {
      const rows = await store.db
        .select({ agency: agencies.name, year: reports.year, report: reports.id, current: reports.currentVersion, version: reportVersions.id, number: reportVersions.number, sha: reportVersions.sha256, file: sourceFiles.name })
        .from(reports)
        .innerJoin(agencies, eq(agencies.id, reports.agencyId))
        .innerJoin(reportVersions, eq(reportVersions.reportId, reports.id))
        .innerJoin(sourceFiles, eq(sourceFiles.sha256, reportVersions.sha256))
        .where(like(agencies.name, `${prefix}%`))
        .orderBy(agencies.name, reports.year, reportVersions.number);
      const out = new Map<string, string[]>();
      for (const r of rows) {
        const key = `${r.agency}/${r.year}`;
        out.set(key, [...(out.get(key) ?? []), r.file]);
        if (r.current === r.version) out.set(`${key} current`, [r.file]);
      }
      return out;
    };

    test('one group: duplicates, versions in order, a report without an agency, a refused file failing alone', async () => {
      const files = [item('甲局', 2022, 'a'), item('甲局', 2022, 'a'), item('甲局', 2022, 'c'), item('乙局', 2023, 'd'), item(null, 2023, 'e'), item('丙局', 2023, 'f', '标题\u0000'), item('甲局', 2022, 'g')];
      const out = await storeImports(store.db, files);
      const [a, b, c, d, e] = out.slice(0, 5).map(stored);
      assert.equal(a.duplicate, false);
      assert.deepEqual(b, { ...a, duplicate: true }, 'the same bytes again: the first one');
      assert.equal(c.reportId, a.reportId, 'the same agency and year: the same report');
      assert.equal(d.duplicate, false);
      assert.notEqual(d.reportId, a.reportId);
      assert.ok(![a.reportId, d.reportId].includes(e.reportId), 'no agency: a report of its own');
      assert.ok('failed' in out[5], 'a NUL character is refused by the database: that file fails');
      const g = stored(out[6]);
      assert.equal(g.reportId, a.reportId);
      const s = await state('甲局');
      assert.deepEqual(s.get('甲局/2022'), ['a.txt', 'c.txt', 'g.txt'], 'versions 1, 2, 3 in the order given');
      assert.deepEqual(s.get('甲局/2022 current'), ['g.txt']);
      assert.equal((await store.db.select().from(agencies).where(eq(agencies.name, '丙局'))).length, 0, 'the refused file made no agency');
      assert.equal((await store.db.select().from(sourceFiles).where(eq(sourceFiles.name, 'f.txt'))).length, 0, 'nor kept its bytes');
      // The single road is the same road.
      await assert.rejects(storeImport(store.db, 'f.txt', new TextEncoder().encode('f'), { report: files[5].report, source: seed.source }, []));
      assert.equal(stored((await storeImports(store.db, [files[2]]))[0]).duplicate, true);
    });

    test('a group is one transaction: files of one report wait for the next, none is stored alone', async () => {
      const real = store.db.transaction.bind(store.db);
      let transactions = 0;
      store.db.transaction = ((...args: Parameters<typeof real>) => {
        transactions++;
        return real(...args);
      }) as typeof real;
      try {
        const out = await storeImports(store.db, [item('戊局', 2022, 'h'), item('戊局', 2022, 'h'), item('戊局', 2022, 'i'), item('己局', 2022, 'j'), item(null, null, 'k'), item('戊局', 2022, 'l')]);
        out.forEach(stored);
        assert.equal(transactions, 4, 'h j k, then h again, then i, then l: one transaction each');
      } finally {
        store.db.transaction = real;
      }
      assert.deepEqual((await state('戊局')).get('戊局/2022'), ['h.txt', 'i.txt', 'l.txt']);
    });

    test('a source map stored before it was packed (JSONB) is packed at open and read back the same', async () => {
      const [x] = (await storeImports(store.db, [item('庚局', 2022, 'old-format')])).map(stored);
      const want = JSON.parse(JSON.stringify(sourceToJson(seed.source))) as unknown;
      assert.deepEqual((await getReport(store.db, x.reportId))!.source, want);
      await store.db.update(reportVersions).set({ source: want, sourcePacked: null }).where(eq(reportVersions.id, x.versionId));
      await fillPackedSources(store.db);
      const [row] = await store.db.select({ source: reportVersions.source, packed: reportVersions.sourcePacked }).from(reportVersions).where(eq(reportVersions.id, x.versionId));
      assert.equal(row.source, null);
      assert.ok(row.packed && row.packed.length < JSON.stringify(want).length / 4, 'packed: a quarter of its JSON at most');
      assert.deepEqual((await getReport(store.db, x.reportId))!.source, want);
    });

    test('a report as the API sends it (its version serialized once) is getReport\'s, and follows a status change and an edit at once', async () => {
      const [x] = (await storeImports(store.db, [item('辛局', 2022, 'json-1')])).map(stored);
      const same = async () => {
        const { agencyPath, ...want } = (await getReport(store.db, x.reportId))!;
        const got = (await reportJson(store.db, x.reportId))!;
        assert.equal(got.agencyPath, agencyPath);
        assert.deepEqual(JSON.parse(got.json), JSON.parse(JSON.stringify(want)));
        return want;
      };
      await same();
      await same();
      await changeStatus(store.db, x.reportId, 'submitted', '提交', 'clerk');
      assert.equal((await same()).status, 'submitted');
      const edited = structuredClone(seed as ReadReport);
      edited.report.meta.title = '改过的标题';
      await storeEdit(store.db, x.reportId, edited, [], 'clerk', '改标题');
      const now = await same();
      assert.equal(now.model.meta.title, '改过的标题');
      assert.equal(now.version.number, 2);
      assert.equal(await reportJson(store.db, 999_999), null);
    });

    test('an import whose jobs\' states cannot be written goes on and ends: the error logged, the jobs left reading for the next start, no rejection', async () => {
      const { queueImport, runImport } = await import('../src/server/imports.ts');
      const dir = tempDir('groups-import');
      const files = seedNames.slice(0, 3).map((n) => {
        const path = join(dir, n);
        writeFileSync(path, readFileSync(join(EXAMPLES, n)));
        return { path, name: `组-${n}` };
      });
      const q = await queueImport(store.db, files);
      const real = store.db.execute.bind(store.db);
      store.db.execute = (() => Promise.reject(new Error('数据库断开'))) as unknown as typeof real;
      const errors: unknown[] = [];
      try {
        await runImport(store.db, q.batch, q.jobs, files, { jobs: 1, onError: (e) => errors.push(e) });
      } finally {
        store.db.execute = real;
      }
      // One error a group (how the three files fell into groups depends on the reader's pace).
      assert.ok(errors.length >= 1 && errors.every((e) => e instanceof Error && e.message === '数据库断开'), String(errors));
      const rows = await store.db.select({ status: importJobs.status }).from(importJobs).where(eq(importJobs.batch, q.batch));
      assert.deepEqual(rows.map((r) => r.status), ['reading', 'reading', 'reading']);
    });

    test('an account limited to a subtree: reports of agencies outside it, or of none yet made, are refused and make no agency', async () => {
      const [own] = await store.db.select({ path: agencies.path }).from(agencies).where(eq(agencies.name, '乙局'));
      const out = await storeImports(store.db, [item('乙局', 2024, 'scoped-1'), item('甲局', 2024, 'scoped-2'), item('丁局', 2024, 'scoped-3'), item(null, 2024, 'scoped-4')], 'editor', own.path);
      assert.equal(stored(out[0]).duplicate, false);
      for (const o of out.slice(1)) assert.ok(o instanceof OutOfScope, String(JSON.stringify(o)));
      assert.equal((await store.db.select().from(agencies).where(eq(agencies.name, '丁局'))).length, 0);
      const versions = await store.db.select({ author: reportVersions.author }).from(reportVersions).where(eq(reportVersions.reportId, stored(out[0]).reportId));
      assert.deepEqual(versions, [{ author: 'editor' }]);
      // The same bytes as a report outside the subtree: refused, its report not revealed; inside: found.
      const [again, outside] = await storeImports(store.db, [item('乙局', 2024, 'scoped-1'), item('甲局', 2022, 'a')], 'editor', own.path);
      assert.equal(stored(again).duplicate, true);
      assert.ok(outside instanceof OutOfScope && !('reportId' in outside), JSON.stringify(outside));
      assert.match(outside.message, /甲局/);
    });

    test('property: any files stored in groups leave the store as stored one at a time', async () => {
      let run = 0;
      const file = fc.record({ agency: fc.constantFrom('甲', '乙', '丙'), year: fc.constantFrom(2021, 2022), content: fc.integer({ min: 0, max: 5 }) });
      await fc.assert(
        fc.asyncProperty(fc.array(file, { minLength: 1, maxLength: 14 }), fc.integer({ min: 1, max: 6 }), async (list, size) => {
          run++;
          const make = (road: string) => list.map((f) => item(`性质${run}${road}${f.agency}`, f.year, `${run}-${road}-${f.agency}${f.year}-${f.content}`));
          for (const x of make('单')) stored((await storeImports(store.db, [x]))[0]);
          const grouped = make('组');
          for (let i = 0; i < grouped.length; i += size) (await storeImports(store.db, grouped.slice(i, i + size))).forEach(stored);
          const one = await state(`性质${run}单`);
          const many = await state(`性质${run}组`);
          const rename = (m: Map<string, string[]>, from: string) => [...m].map(([k, v]) => [k.replace(from, ''), v.map((n) => n.replace(from, ''))]);
          assert.deepEqual(rename(many, '组'), rename(one, '单'));
        }),
        { numRuns: 25 },
      );
      // Every one of those reports has one current version, its newest.
      const rows = await store.db.select({ id: reports.id, current: reports.currentVersion }).from(reports).innerJoin(agencies, eq(agencies.id, reports.agencyId)).where(like(agencies.name, '性质%'));
      const newest = await store.db.select({ report: reportVersions.reportId, id: reportVersions.id, number: reportVersions.number }).from(reportVersions).where(and(inArray(reportVersions.reportId, rows.map((r) => r.id))));
      for (const r of rows) {
        const mine = newest.filter((v) => v.report === r.id).sort((x, y) => y.number - x.number);
        assert.equal(r.current, mine[0].id);
      }
    });
  });
}
