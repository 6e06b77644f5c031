// The agency tree from a CSV (POST /api/v1/agencies/import), on both databases: parents in any
// order, GBK from Excel, agencies that imports made at the root moved under their government with
// their reports' subtree queries following, and every bad file refused whole with the line named.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { openStore, type Store } from '../src/db/index.ts';
import { agencies } from '../src/db/schema.ts';
import { buildApp } from '../src/server/app.ts';
import { createToken, createUser } from '../src/server/auth.ts';
import { freshDatabase, postgresUrl } from './postgres.ts';
import { tempDir } from './shared.ts';

const pgBase = await postgresUrl();
const backends: { name: string; open: () => Promise<Store>; skip?: string }[] = [
  { name: 'PGlite', open: () => openStore({ dataDir: null }) },
  { name: 'PostgreSQL', open: async () => openStore({ url: await freshDatabase(pgBase!, `xxgk_agencies_${process.pid}`) }), ...(pgBase ? {} : { skip: '没有 PostgreSQL（Debian postgresql 未安装）' }) },
];

// 某市人民政府 in GBK, as Excel saves a CSV in China: 名称,类型 / 某市人民政府,政府
const GBK_CSV = Uint8Array.from([0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xc0, 0xe0, 0xd0, 0xcd, 0x0a, 0xc4, 0xb3, 0xca, 0xd0, 0xc8, 0xcb, 0xc3, 0xf1, 0xd5, 0xfe, 0xb8, 0xae, 0x2c, 0xd5, 0xfe, 0xb8, 0xae, 0x0a]);

for (const backend of backends) {
  describe(`agencies from CSV on ${backend.name}`, { skip: backend.skip }, () => {
    let store: Store;
    let app: FastifyInstance;
    let headers: Record<string, string>;
    before(async () => {
      store = await backend.open();
      app = await buildApp({ store, spool: tempDir('spool-agencies'), jobs: 1 });
      const id = await createUser(store.db, { name: 'office', password: 'office password', role: 'admin', agencyId: null });
      headers = { authorization: `Bearer ${await createToken(store.db, { id, name: 'office', role: 'admin', scope: null, via: 'session' }, 't')}`, 'content-type': 'text/csv' };
    });
    after(async () => {
      await app.close();
      await store.close();
    });
    const post = (body: string | Uint8Array) => app.inject({ method: 'POST', url: '/api/v1/agencies/import', payload: typeof body === 'string' ? body : Buffer.from(body), headers });
    const tree = async () => new Map((await store.db.select().from(agencies)).map((a) => [a.name, a]));

    test('GBK from Excel is read as GBK', async () => {
      const r = await post(GBK_CSV);
      assert.equal(r.statusCode, 200, r.body);
      assert.equal((await tree()).get('某市人民政府')?.kind, 'government');
    });

    test('a tree in any order; an agency already at the root moves under its parent; paths follow', async () => {
      // An import made 某市教育局 at the root, as imports do.
      await store.db.insert(agencies).values({ name: '某市教育局', path: '' });
      const [made] = await store.db.select().from(agencies).where(eq(agencies.name, '某市教育局'));
      await store.db.update(agencies).set({ path: `/${made.id}/` }).where(eq(agencies.id, made.id));
      const csv = '\ufeff名称,上级,类型,区划代码\n某市教育局,某市人民政府,部门,\n某市人民政府办公室,某市人民政府,办公室,\n"某市人民政府",,政府,320100\n';
      const r = await post(csv);
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual(r.json(), { created: 1, moved: 2 });
      const t = await tree();
      const gov = t.get('某市人民政府')!;
      assert.equal(gov.regionCode, '320100');
      for (const child of ['某市教育局', '某市人民政府办公室']) {
        assert.equal(t.get(child)!.parentId, gov.id, child);
        assert.equal(t.get(child)!.path, `${gov.path}${t.get(child)!.id}/`, `${child}: its path under the government`);
      }
      assert.equal(t.get('某市教育局')!.id, made.id, 'the same agency, moved, not a second one');
    });

    test('bad files are refused whole, naming the line; nothing changes', async () => {
      const before = JSON.stringify([...(await tree()).values()].map((a) => [a.id, a.parentId, a.path]).sort());
      const cases: [string, number, RegExp][] = [
        ['上级,类型\n某局,,部门\n', 400, /「名称」列/],
        ['名称,上级\n甲局,不存在的政府\n', 409, /第 2 行：上级「不存在的政府」/],
        ['名称,上级\n甲局,乙局\n乙局,甲局\n', 409, /回到了它自己/],
        ['名称\n甲局\n甲局\n', 409, /第 3 行：「甲局」在第 2 行已经出现/],
        ['名称,类型\n甲局,公司\n', 400, /第 2 行的类型「公司」/],
        ['名称,区划代码\n甲局,32A100\n', 400, /第 2 行的区划代码/],
        ['名称\n"甲局\n', 400, /CSV 格式有误/],
        // The government placed under its own department: a cycle through what is stored.
        ['名称,上级\n某市人民政府,某市教育局\n', 409, /第 2 行：不能把「某市人民政府」放到它自己或它的下级之下/],
        // A good row before a bad one: the good one is not kept either.
        ['名称,上级\n丙局,某市人民政府\n丁局,无此上级\n', 409, /第 3 行/],
      ];
      for (const [csv, status, message] of cases) {
        const r = await post(csv);
        assert.equal(r.statusCode, status, `${csv}: ${r.body}`);
        assert.match((r.json() as { error: { message: string } }).error.message, message);
      }
      assert.equal(JSON.stringify([...(await tree()).values()].map((a) => [a.id, a.parentId, a.path]).sort()), before, 'nothing changed');
      const json = await app.inject({ method: 'POST', url: '/api/v1/agencies/import', payload: { name: 'x' }, headers: { authorization: headers.authorization } });
      assert.equal(json.statusCode, 415);
    });
  });
}
