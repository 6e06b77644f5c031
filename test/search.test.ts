// The report list's search and order, on both databases: words of the report's text (pg_trgm's
// index, no dictionary) combined with conditions on cells, in one box or as parameters; each result
// saying where its first word is; every sort order paged by cursor through all reports exactly
// once; an edit's words found at once; bad conditions, paths and cursors refused in Chinese.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { openStore, type Store } from '../src/db/index.ts';
import { buildApp } from '../src/server/app.ts';
import { exportColumns } from '../src/server/export.ts';
import { createToken, createUser } from '../src/server/auth.ts';
import { getCell } from '../src/model/paths.ts';
import type { Report } from '../src/model/report.ts';
import { freshDatabase, postgresUrl } from './postgres.ts';
import { EXAMPLES, seedNames, tempDir } from './shared.ts';

const pgBase = await postgresUrl();
const backends: { name: string; open: () => Promise<Store>; skip?: string }[] = [
  { name: 'PGlite', open: () => openStore({ dataDir: null }) },
  { name: 'PostgreSQL', open: async () => openStore({ url: await freshDatabase(pgBase!, `xxgk_search_${process.pid}`) }), ...(pgBase ? {} : { skip: '没有 PostgreSQL（Debian postgresql 未安装）' }) },
];

type Item = { id: number; year: number | null; agency: string | null; errors: number; match?: { in: string | number; snippet: string } | null };

for (const backend of backends) {
  describe(`search and sort on ${backend.name}`, { skip: backend.skip }, () => {
    let store: Store;
    let app: FastifyInstance;
    let headers: Record<string, string>;
    const models = new Map<number, Report>();
    before(async () => {
      store = await backend.open();
      app = await buildApp({ store, spool: tempDir('spool-search'), jobs: 1 });
      const id = await createUser(store.db, { name: 'researcher', password: 'researcher password', role: 'admin', agencyId: null });
      headers = { authorization: `Bearer ${await createToken(store.db, { id, name: 'researcher', role: 'admin', scope: null, via: 'session' }, 't')}` };
      const f = new FormData();
      for (const name of seedNames) f.append('file', new Blob([readFileSync(join(EXAMPLES, name))]), name);
      const r = await app.inject({ method: 'POST', url: '/api/v1/imports?wait=true', payload: f, headers });
      for (const j of (r.json() as { jobs: { reportId: number }[] }).jobs) models.set(j.reportId, ((await app.inject({ url: `/api/v1/reports/${j.reportId}`, headers })).json() as { model: Report }).model);
    });
    after(async () => {
      await app.close();
      await store.close();
    });
    const list = async (query: string) => {
      const r = await app.inject({ url: `/api/v1/reports?${query}`, headers });
      assert.equal(r.statusCode, 200, `${query}: ${r.body}`);
      return r.json() as { items: Item[]; nextCursor: string | null };
    };
    const textOf = (m: Report) => [m.meta.title, m.preamble, ...m.sections.flatMap((s) => [s.heading, s.text])].join('\n');
    const ids = (items: Item[]) => items.map((i) => i.id).sort((a, b) => a - b);

    test('words: every one must appear; the answer is exactly the reports whose text has them; each says where', async () => {
      for (const words of [['政府信息'], ['依申请公开'], ['行政复议', '政府信息'], ['这个词不在任何报告里']]) {
        const want = [...models].filter(([, m]) => words.every((w) => textOf(m).toLowerCase().includes(w.toLowerCase()))).map(([id]) => id).sort((a, b) => a - b);
        const got = await list(`q=${encodeURIComponent(words.join(' '))}`);
        assert.deepEqual(ids(got.items), want, words.join(' '));
        for (const i of got.items) {
          assert.ok(i.match, `${i.id}: a match`);
          assert.ok(i.match.snippet.includes(words[0]), `${i.id}: the snippet shows «${words[0]}»`);
          const m = models.get(i.id)!;
          const place = i.match.in === 'title' ? m.meta.title : i.match.in === 'preamble' ? m.preamble : m.sections.filter((s) => s.no === i.match!.in).map((s) => `${s.heading}\n${s.text}`).join('\n');
          assert.ok(place?.includes(words[0]), `${i.id}: «${words[0]}» is where the match says (${i.match.in})`);
        }
      }
      // `%` and `_` are themselves, not patterns.
      assert.deepEqual((await list(`q=${encodeURIComponent('%')}`)).items.map((i) => i.id), [...models].filter(([, m]) => textOf(m).includes('%')).map(([id]) => id).sort((a, b) => b - a));
    });

    test('cell conditions, alone and with words, as parameters or in the one box', async () => {
      // A cell whose values divide the seeds, found from the template's cells.
      const cellsOf = (path: string) => [...models].map(([id, m]) => [id, getCell(m, path)] as const);
      const { path, median } = exportColumns()
        .map((c) => ({ path: c.path, median: cellsOf(c.path).map(([, v]) => (typeof v === 'number' ? v : 0)).sort((a, b) => a - b)[2] }))
        .find(({ path, median }) => cellsOf(path).some(([, v]) => typeof v === 'number' && v > median))!;
      const values = cellsOf(path);
      const want = values.filter(([, v]) => typeof v === 'number' && v > median).map(([id]) => id).sort((a, b) => a - b);
      assert.ok(want.length > 0 && want.length < models.size, 'the condition divides the seeds');
      assert.deepEqual(ids((await list(`cell=${encodeURIComponent(`${path}>${median}`)}`)).items), want);
      assert.deepEqual(ids((await list(`q=${encodeURIComponent(`${path} > ${median}`.replace(/ /g, ''))}`)).items), want, 'in the box');
      const both = want.filter((id) => textOf(models.get(id)!).includes('政府信息'));
      assert.deepEqual(ids((await list(`q=${encodeURIComponent(`政府信息 ${path}>${median}`)}`)).items), both);
      assert.deepEqual(ids((await list(`cell=${encodeURIComponent(`${path}>=0`)}&cell=${encodeURIComponent(`${path}<=${median}`)}`)).items), values.filter(([, v]) => typeof v === 'number' && v <= median).map(([id]) => id).sort((a, b) => a - b), 'two conditions, both hold');
      // The facets and the export take the same search.
      const facets = (await app.inject({ url: `/api/v1/reports/facets?cell=${encodeURIComponent(`${path}>${median}`)}`, headers })).json() as { status: Record<string, number> };
      assert.equal(Object.values(facets.status).reduce((a, b) => a + b, 0), want.length, 'the facets count the same reports');
      const csv = await app.inject({ url: `/api/v1/export?cell=${encodeURIComponent(`${path}>${median}`)}`, headers });
      assert.equal(csv.body.trim().split('\r\n').length, want.length + 1);
    });

    test('every order pages by cursor through every report once, in order', async () => {
      for (const sort of ['id', 'year', 'updated', 'errors', 'warnings', 'agency']) {
        for (const order of ['asc', 'desc']) {
          const seen: Item[] = [];
          let cursor: string | null = null;
          for (let k = 0; k < 10; k++) {
            const page = await list(`sort=${sort}&order=${order}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
            seen.push(...page.items);
            cursor = page.nextCursor;
            if (!cursor) break;
          }
          assert.deepEqual(ids(seen), [...models.keys()].sort((a, b) => a - b), `${sort} ${order}: each once`);
          const key = (i: Item) => (sort === 'year' ? (i.year ?? -1) : sort === 'agency' ? (i.agency ?? '') : sort === 'errors' ? i.errors : i.id);
          if (sort !== 'updated' && sort !== 'warnings') {
            for (let j = 1; j < seen.length; j++) {
              const [a, b] = [key(seen[j - 1]), key(seen[j])];
              assert.ok(order === 'asc' ? a <= b : a >= b, `${sort} ${order}: ${a} then ${b}`);
            }
          }
        }
      }
    });

    test('an edit is found by its new words at once; bad input is refused in Chinese', async () => {
      const [id] = models.keys();
      const r = await app.inject({ method: 'PATCH', url: `/api/v1/reports/${id}`, payload: { sections: { '6': '本年度新增“政务公开专区”。' }, reason: '补充' }, headers });
      assert.equal(r.statusCode, 200, r.body);
      const found = await list(`q=${encodeURIComponent('政务公开专区')}`);
      assert.deepEqual(found.items.map((i) => [i.id, i.match?.in]), [[id, 6]]);
      for (const [query, message] of [
        ['cell=nothing.here>1', /没有这个单元格：nothing\.here/],
        [`cell=${encodeURIComponent('applications.received.total~1')}`, /应写成 路径 比较符 数字/],
        ['cursor=abc', /cursor 无效/],
        ['sort=size', /sort/],
      ] as const) {
        const bad = await app.inject({ url: `/api/v1/reports?${query}`, headers });
        assert.equal(bad.statusCode, 400, query);
        assert.match((bad.json() as { error: { message: string } }).error.message, message);
      }
    });
  });
}
