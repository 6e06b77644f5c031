// The workbench API against both databases: the embedded PGlite and a PostgreSQL server (a
// throwaway cluster, test/postgres.ts). Requests through Fastify's inject, as a client sends them.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { openStore, type Store } from '../src/db/index.ts';
import { buildApp, safeName } from '../src/server/app.ts';
import { createToken, createUser } from '../src/server/auth.ts';
import { queueImport, resumeImports } from '../src/server/imports.ts';
import { freshDatabase, postgresUrl } from './postgres.ts';
import { EXAMPLES, tempDir } from './shared.ts';

const seeds = readdirSync(EXAMPLES).filter((f) => /^seed-.*\.txt$/.test(f)).sort();

function form(files: { name: string; bytes: Uint8Array | string }[]): FormData {
  const f = new FormData();
  for (const x of files) f.append('file', new Blob([typeof x.bytes === 'string' ? x.bytes : Buffer.from(x.bytes)]), x.name);
  return f;
}

/** A fresh in-memory store and app, and the headers of an admin's API token. */
async function adminApp(name: string) {
  const store = await openStore({ dataDir: null });
  const app = await buildApp({ store, spool: tempDir(`spool-${name}`), jobs: 1 });
  const id = await createUser(store.db, { name, password: `${name} password`, role: 'admin', agencyId: null });
  const headers = { authorization: `Bearer ${await createToken(store.db, { id, name, role: 'admin', scope: null, via: 'session' }, 't')}` };
  return { store, app, headers, close: async () => { await app.close(); await store.close(); } };
}

const pgBase = await postgresUrl();
const backends: { name: string; open: () => Promise<Store>; skip?: string }[] = [
  { name: 'PGlite', open: () => openStore({ dataDir: null }) },
  { name: 'PostgreSQL', open: async () => openStore({ url: await freshDatabase(pgBase!, `xxgk_api_${process.pid}`) }), ...(pgBase ? {} : { skip: '没有 PostgreSQL（Debian postgresql 未安装）' }) },
];

for (const backend of backends) {
  describe(`API on ${backend.name}`, { skip: backend.skip }, () => {
    let store: Store;
    let server: FastifyInstance;
    // Every request as an admin with an API token (the permission matrix is test/permissions.test.ts).
    let app: { inject: (o: InjectOptions) => Promise<LightMyRequestResponse> };
    before(async () => {
      store = await backend.open();
      server = await buildApp({ store, spool: tempDir('spool'), jobs: 1 });
      const id = await createUser(store.db, { name: 'tester', password: 'a long password', role: 'admin', agencyId: null });
      const token = await createToken(store.db, { id, name: 'tester', role: 'admin', scope: null, via: 'session' }, 'tests');
      app = { inject: (o) => server.inject({ ...o, headers: { ...o.headers, authorization: `Bearer ${token}` } }) };
    });
    after(async () => {
      await server?.close();
      await store?.close();
    });

    test('/healthz answers with the database', async () => {
      const r = await app.inject({ url: '/healthz' });
      assert.equal(r.statusCode, 200);
      assert.deepEqual(r.json(), { ok: true, database: backend.name === 'PGlite' ? 'pglite' : 'postgres' });
    });

    test('importing files: each is a job, stored or failed with its reason; the same bytes again are the same report', async () => {
      const files = seeds.map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(EXAMPLES, f))) }));
      const r = await app.inject({ method: 'POST', url: '/api/v1/imports?wait=true', payload: form([...files, { name: 'notes.txt', bytes: '这不是报告。' }]) });
      assert.equal(r.statusCode, 201, r.body);
      const { jobs } = r.json() as { jobs: { file: string; status: string; reason: string | null; reportId: number | null; duplicate: boolean }[] };
      assert.deepEqual(jobs.map((j) => j.status), [...seeds.map(() => 'stored'), 'failed']);
      assert.match(jobs.at(-1)!.reason!, /年度报告/);
      assert.ok(jobs.slice(0, -1).every((j) => j.reportId !== null && !j.duplicate));
      // A report's source is the file under the name it was uploaded as, never the server's spool path.
      const first = (await app.inject({ url: `/api/v1/reports/${jobs[0].reportId}` })).json() as { source: { file: string } };
      assert.equal(first.source.file, seeds[0]);

      const again = await app.inject({ method: 'POST', url: '/api/v1/imports?wait=true', payload: form(files.slice(0, 2)) });
      const second = (again.json() as { jobs: { reportId: number; duplicate: boolean }[] }).jobs;
      assert.deepEqual(second.map((j) => [j.reportId, j.duplicate]), jobs.slice(0, 2).map((j) => [j.reportId, true]));
      const list = await app.inject({ url: '/api/v1/reports?limit=100' });
      assert.equal((list.json() as { items: unknown[] }).items.length, seeds.length);
    });

    test('the list filters by year and pages by cursor; one report has its model, findings, version and source file', async () => {
      const all = (await app.inject({ url: '/api/v1/reports?limit=100' })).json() as { items: { id: number; year: number; errors: number }[] };
      const year = all.items[0].year;
      const byYear = (await app.inject({ url: `/api/v1/reports?year=${year}` })).json() as { items: { year: number }[] };
      assert.ok(byYear.items.length > 0 && byYear.items.every((i) => i.year === year));
      const withErrors = (await app.inject({ url: '/api/v1/reports?hasErrors=true' })).json() as { items: { errors: number }[] };
      assert.deepEqual(withErrors.items.length, all.items.filter((i) => i.errors > 0).length);

      const facets = (await app.inject({ url: '/api/v1/reports/facets' })).json() as { year: Record<string, number>; status: Record<string, number>; template: Record<string, number>; hasErrors: Record<string, number> };
      const sum = (o: Record<string, number>) => Object.values(o).reduce((x, y) => x + y, 0);
      for (const f of Object.values(facets)) assert.equal(sum(f), all.items.length);
      assert.equal(facets.hasErrors.true ?? 0, withErrors.items.length);
      const head = (await app.inject({ url: `/api/v1/reports/${all.items[0].id}` })).json() as { model: { meta: { region: { code: string } | null } }; findings: { rule: string }[]; template: string };
      if (head.findings.length) {
        const rule = head.findings[0].rule;
        const byRule = (await app.inject({ url: `/api/v1/reports?rule=${rule}&limit=100` })).json() as { items: { id: number }[] };
        assert.ok(byRule.items.some((i) => i.id === all.items[0].id));
      }
      const byTemplate = (await app.inject({ url: `/api/v1/reports?template=${head.template}&limit=100` })).json() as { items: unknown[] };
      assert.equal(byTemplate.items.length, facets.template[head.template]);
      if (head.model.meta.region) {
        const province = `${head.model.meta.region.code.slice(0, 2)}0000`;
        const byRegion = (await app.inject({ url: `/api/v1/reports?region=${province}&limit=100` })).json() as { items: { id: number }[] };
        assert.ok(byRegion.items.some((i) => i.id === all.items[0].id), 'a province covers its counties');
      }
      assert.equal((await app.inject({ url: '/api/v1/reports?region=42' })).statusCode, 400);

      const seen: number[] = [];
      for (let cursor: number | null = null, k = 0; k < 10; k++) {
        const page = (await app.inject({ url: `/api/v1/reports?limit=2${cursor ? `&cursor=${cursor}` : ''}` })).json() as { items: { id: number }[]; nextCursor: number | null };
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        if (cursor === null) break;
      }
      assert.deepEqual(seen, all.items.map((i) => i.id));

      const one = (await app.inject({ url: `/api/v1/reports/${all.items[0].id}` })).json() as { model: { model: string }; findings: unknown[]; version: { number: number; sha256: string }; source: { cells: Record<string, unknown> } };
      assert.equal(one.model.model, 'xxgk.report/1');
      assert.equal(one.version.number, 1);
      assert.ok(Object.keys(one.source.cells).length > 100);
      const file = await app.inject({ url: `/api/v1/reports/${all.items[0].id}/source` });
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['x-content-type-options'], 'nosniff');
      assert.ok(seeds.some((s) => readFileSync(join(EXAMPLES, s)).equals(file.rawPayload)), 'the stored bytes are a seed file, unchanged');
    });

    test('an edit is a new version, checked again in the same response; the original stays; a bad edit changes nothing', async () => {
      const [first] = ((await app.inject({ url: '/api/v1/reports?limit=1' })).json() as { items: { id: number }[] }).items;
      const before = (await app.inject({ url: `/api/v1/reports/${first.id}` })).json() as { model: { applications: { total: Record<string, number> } }; findings: { rule: string }[] };
      const total = before.model.applications.total.naturalPerson;
      const r = await app.inject({ method: 'PATCH', url: `/api/v1/reports/${first.id}`, payload: { cells: { 'applications.total.naturalPerson': total + 7 }, sections: { '6': '<script>alert(1)</script>无。' }, reason: '核对原件' } });
      assert.equal(r.statusCode, 200, r.body);
      const edited = r.json() as { version: { number: number; origin: string; reason: string }; model: { applications: { total: Record<string, number> }; sections: { no: number; text: string }[] }; findings: { rule: string; path: string }[] };
      assert.deepEqual([edited.version.number, edited.version.origin, edited.version.reason], [2, 'edit', '核对原件']);
      assert.equal(edited.model.applications.total.naturalPerson, total + 7);
      assert.ok(edited.findings.some((f) => f.path.startsWith('applications.') && /^s3-/.test(f.rule)), 'the sum no longer adds up, and says so');
      const versions = (await app.inject({ url: `/api/v1/reports/${first.id}/versions` })).json() as { items: { number: number; origin: string }[] };
      assert.deepEqual(versions.items.map((v) => [v.number, v.origin]), [[1, 'import'], [2, 'edit']]);

      for (const payload of [{ cells: { 'applications.nothing.here': 1 }, reason: 'x' }, { cells: { 'applications.total.naturalPerson': '十' }, reason: 'x' }, { cells: { 'applications.total.naturalPerson': 1 } }, { reason: 'x', extra: 1 }]) {
        const bad = await app.inject({ method: 'PATCH', url: `/api/v1/reports/${first.id}`, payload });
        assert.equal(bad.statusCode, 400, JSON.stringify(payload));
        assert.match((bad.json() as { error: { message: string } }).error.message, /[\u4e00-\u9fff]/);
      }
      assert.equal(((await app.inject({ url: `/api/v1/reports/${first.id}/versions` })).json() as { items: unknown[] }).items.length, 2, 'nothing half-changed');

      const html = await app.inject({ url: `/api/v1/reports/${first.id}/render?format=html` });
      assert.equal(html.statusCode, 200);
      assert.ok(!html.body.includes('<script>alert(1)</script>') && html.body.includes('&lt;script&gt;'), 'report text is text, never markup');
      assert.match(String(html.headers['content-security-policy']), /default-src 'none'/);
      for (const [format, type, start] of [['docx', /wordprocessingml/, 'PK'], ['pdf', /pdf/, '%PDF'], ['md', /markdown/, ''], ['csv', /csv/, ''], ['json', /json/, '{']] as const) {
        const out = await app.inject({ url: `/api/v1/reports/${first.id}/render?format=${format}` });
        assert.equal(out.statusCode, 200, format);
        assert.match(String(out.headers['content-type']), type);
        assert.ok(out.rawPayload.length > 100 && out.rawPayload.subarray(0, start.length).toString('latin1') === start, format);
      }
    });

    test('status moves step by step with a comment; comments on a cell; a skipped step is refused with the statuses named', async () => {
      const [first] = ((await app.inject({ url: '/api/v1/reports?limit=1' })).json() as { items: { id: number }[] }).items;
      const skip = await app.inject({ method: 'POST', url: `/api/v1/reports/${first.id}/status`, payload: { status: 'published' } });
      assert.equal(skip.statusCode, 409);
      assert.match((skip.json() as { error: { message: string } }).error.message, /草稿.*已发布/);
      for (const status of ['submitted', 'returned', 'submitted', 'approved']) {
        const r = await app.inject({ method: 'POST', url: `/api/v1/reports/${first.id}/status`, payload: { status, comment: `改为 ${status}` } });
        assert.equal(r.statusCode, 200, r.body);
      }
      const c = await app.inject({ method: 'POST', url: `/api/v1/reports/${first.id}/comments`, payload: { body: '请核对本格', path: 'applications.total.naturalPerson' } });
      assert.equal(c.statusCode, 201);
      const comments = (await app.inject({ url: `/api/v1/reports/${first.id}/comments` })).json() as { items: { kind: string; statusTo: string | null; path: string | null }[] };
      assert.deepEqual(comments.items.map((x) => x.kind === 'status' ? x.statusTo : x.path), ['submitted', 'returned', 'submitted', 'approved', 'applications.total.naturalPerson']);
      const one = (await app.inject({ url: `/api/v1/reports/${first.id}` })).json() as { status: string };
      assert.equal(one.status, 'approved');
    });

    test('an import answers at once; its progress is a batch to poll and a stream of server-sent events', async () => {
      const r = await app.inject({ method: 'POST', url: '/api/v1/imports', payload: form([{ name: 'a.txt', bytes: readFileSync(join(EXAMPLES, seeds[2])) }, { name: 'b.txt', bytes: '不是报告' }]) });
      assert.equal(r.statusCode, 202, r.body);
      const { batch, jobs } = r.json() as { batch: string; jobs: { status: string }[] };
      assert.deepEqual(jobs.map((j) => j.status), ['queued', 'queued']);
      const events = await app.inject({ url: `/api/v1/imports/${batch}/events` });
      assert.match(String(events.headers['content-type']), /text\/event-stream/);
      const last = new Map<number, string>();
      for (const m of events.body.matchAll(/event: job\ndata: (.+)\n/g)) {
        const j = JSON.parse(m[1]) as { id: number; status: string };
        last.set(j.id, j.status);
      }
      assert.deepEqual([...last.values()], ['stored', 'failed']);
      assert.match(events.body, /event: done/);
      const state = (await app.inject({ url: `/api/v1/imports/${batch}` })).json() as { total: number; stored: number; failed: number };
      assert.deepEqual([state.total, state.stored, state.failed], [2, 1, 1]);
      assert.equal((await app.inject({ url: '/api/v1/imports/00000000-0000-4000-8000-000000000000' })).statusCode, 404);
    });

    test('jobs a killed server left are taken up at the next start: spooled files imported, lost ones failed', async () => {
      const spool = tempDir('resume');
      const kept = join(spool, 'kept');
      copyFileSync(join(EXAMPLES, seeds[4]), kept);
      const q = await queueImport(store.db, [{ path: kept, name: 'kept.txt' }, { path: join(spool, 'gone'), name: 'gone.txt' }], { spooled: true, author: 'tester' });
      assert.equal(await resumeImports(store.db, { jobs: 1 }), 1);
      const state = (await app.inject({ url: `/api/v1/imports/${q.batch}` })).json() as { jobs: { status: string; reason: string | null }[] };
      assert.deepEqual(state.jobs.map((j) => j.status), ['stored', 'failed']);
      assert.match(state.jobs[1].reason!, /重新导入/);
      assert.ok(!existsSync(kept), 'the spooled file is removed once its job ended');
      assert.equal(await resumeImports(store.db), 0, 'nothing left to take up');
    });

    test('bad requests get a 4xx with a Chinese message and a stable code', async () => {
      const cases: [string, string, number, string][] = [
        ['GET', '/api/v1/reports/abc', 400, 'invalid_request'],
        ['GET', '/api/v1/reports/999999', 404, 'not_found'],
        ['GET', '/api/v1/reports?year=abc', 400, 'invalid_request'],
        ['GET', '/api/v1/reports?unknown=1', 400, 'invalid_request'],
        ['GET', '/api/v1/nothing', 404, 'not_found'],
        ['POST', '/api/v1/imports', 415, 'unsupported_media_type'],
      ];
      for (const [method, url, status, code] of cases) {
        const r = await app.inject({ method: method as 'GET', url, ...(method === 'POST' ? { payload: { a: 1 } } : {}) });
        assert.equal(r.statusCode, status, `${method} ${url}: ${r.body}`);
        const body = r.json() as { error: { code: string; message: string } };
        assert.equal(body.error.code, code);
        assert.match(body.error.message, /[\u4e00-\u9fff]/, 'a Chinese message');
        assert.doesNotMatch(r.body, /at .*\.ts:\d+|Error:/, 'no stack trace');
      }
      const empty = await app.inject({ method: 'POST', url: '/api/v1/imports?wait=true', payload: new FormData() });
      assert.equal(empty.statusCode, 400);
    });
  });
}

test('uploaded file names lose their folders and control characters', () => {
  assert.equal(safeName('../../etc/passwd'), 'passwd');
  assert.equal(safeName('C:\\Users\\局\\报告.docx'), '报告.docx');
  assert.equal(safeName('a\u0000b\u001b[31m.txt'), 'ab[31m.txt');
  assert.equal(safeName(''), '未命名文件');
  assert.equal(safeName('x'.repeat(300)).length, 200);
});

test('/api/openapi.json describes every API route, from the zod schemas the handlers use; /api/docs shows it', async () => {
  const store = await openStore({ dataDir: null });
  const app = await buildApp({ store, spool: tempDir('spool-doc'), jobs: 1 });
  try {
    await app.ready();
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { openapi: string; paths: Record<string, Record<string, { parameters: { name: string }[]; requestBody?: { content: Record<string, { schema?: { properties?: Record<string, unknown> } }> }; responses: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, { properties?: Record<string, unknown> }> } }> }> }>> };
    assert.equal(doc.openapi, '3.1.0');
    // Every route the server registered under /api/v1 is in the document.
    // Fastify prints its routes as a tree (`│   └── /:id (GET, PATCH)`): the full paths, rebuilt.
    const stack: string[] = [];
    let checked = 0;
    for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
      const m = /^([│ ]*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/.exec(line);
      if (!m) continue;
      const depth = m[1].length / 4;
      stack.length = depth;
      stack.push(m[2]);
      const path = stack.join('').replace(/:(\w+)/g, '{$1}');
      if (!m[3] || !path.startsWith('/api/v1/')) continue;
      for (const method of m[3].split(', ').filter((x) => x !== 'HEAD')) {
        assert.ok(doc.paths[path]?.[method.toLowerCase()], `${method} ${path} is described`);
        checked++;
      }
    }
    assert.ok(checked >= 20, `${checked} routes checked`);
    assert.deepEqual(doc.paths['/api/v1/reports'].get.parameters.map((p) => p.name).sort(), ['agency', 'cell', 'cursor', 'hasErrors', 'limit', 'order', 'q', 'region', 'rule', 'severity', 'sort', 'status', 'template', 'year']);
    assert.ok(doc.paths['/api/v1/reports/{id}'].patch.requestBody!.content['application/json'].schema!.properties!.cells, 'the edit body');
    // The report's model in the answer is the model's schema: its tables' keys come from the template.
    const model = doc.paths['/api/v1/reports/{id}'].get.responses['200'].content!['application/json'].schema!.properties!.model;
    assert.match(JSON.stringify(model), /naturalPerson/);
    const page = await app.inject({ url: '/api/docs' });
    assert.match(page.body, /xxgk 工作台 API/);
  } finally {
    await app.close();
    await store.close();
  }
});

test('agencies form a tree; a government sums its departments for a year and compares its own report (hierarchy-sum)', async () => {
  const { app, headers, close } = await adminApp('office');
  try {
    const f = new FormData();
    for (const s of seeds) f.append('file', new Blob([readFileSync(join(EXAMPLES, s))]), s);
    const { jobs } = (await app.inject({ method: 'POST', url: '/api/v1/imports?wait=true', payload: f, headers })).json() as { jobs: { reportId: number }[] };
    const reports = await Promise.all(jobs.map(async (j) => (await app.inject({ url: `/api/v1/reports/${j.reportId}`, headers })).json() as { id: number; agencyId: number; year: number; agency: string }));
    const year = reports[0].year;
    const sameYear = reports.filter((r) => r.year === year);
    const gov = ((await app.inject({ method: 'POST', url: '/api/v1/agencies', payload: { name: '某市人民政府', parentId: null, kind: 'government' }, headers })).json() as { id: number; path: string });
    for (const r of sameYear) assert.equal((await app.inject({ method: 'POST', url: '/api/v1/agencies', payload: { name: r.agency, parentId: gov.id }, headers })).statusCode, 201);
    const cycle = await app.inject({ method: 'POST', url: '/api/v1/agencies', payload: { name: '某市人民政府', parentId: sameYear[0].agencyId }, headers });
    assert.equal(cycle.statusCode, 409);
    const tree = (await app.inject({ url: '/api/v1/agencies', headers })).json() as { items: { id: number; parentId: number | null; path: string }[] };
    assert.ok(tree.items.filter((a) => a.parentId === gov.id).every((a) => a.path.startsWith(gov.path)));

    const sum = await app.inject({ method: 'POST', url: '/api/v1/sum', payload: { agency: gov.id, year }, headers });
    assert.equal(sum.statusCode, 200, sum.body);
    const body = sum.json() as { report: { meta: { agency: string; year: number }; applications: { total: Record<string, number | null> } }; departments: string[] };
    assert.equal(body.report.meta.agency, '某市人民政府');
    assert.equal(body.departments.length, sameYear.length);
    const parts = await Promise.all(sameYear.map(async (r) => ((await app.inject({ url: `/api/v1/reports/${r.id}`, headers })).json() as { model: { applications: { total: Record<string, number | null> } } }).model.applications.total.naturalPerson));
    if (parts.every((v) => v !== null)) assert.equal(body.report.applications.total.naturalPerson, parts.reduce((a, b) => a! + b!, 0));
    type Sum = { report: unknown; findings: { departments: number[] }[]; departments: string[]; comparison: { rule: string }[] | null };
    const compared = (await app.inject({ method: 'POST', url: '/api/v1/sum', payload: { reports: sameYear.map((r) => r.id), year, name: '某市人民政府', against: sameYear[0].id }, headers })).json() as Sum;
    assert.ok(Array.isArray(compared.comparison));
    // The JSON sum from the store's cells (db/cells.ts) is the engine's over the models (taken
    // for a comparison): the same report, findings and departments; findings name departments by place.
    const fromCells = (await app.inject({ method: 'POST', url: '/api/v1/sum', payload: { reports: [...sameYear].reverse().map((r) => r.id), year, name: '某市人民政府' }, headers })).json() as Sum;
    assert.deepEqual({ ...fromCells, comparison: null }, { ...compared, comparison: null });
    assert.ok(fromCells.findings.every((f) => f.departments.every((i) => Number.isInteger(i) && i < fromCells.departments.length)));
    const docx = await app.inject({ method: 'POST', url: '/api/v1/sum', payload: { agency: gov.id, year, format: 'docx' }, headers });
    assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/sum', payload: { year }, headers })).statusCode, 400);
  } finally {
    await close();
  }
});

test('a report written here: from last year\'s (上年结转 from its 结转下年度), blank, or summed from the departments; one a year an agency; drafts are checked and versioned', async () => {
  const { app, headers, close } = await adminApp('drafts');
  try {
    const f = new FormData();
    for (const s of seeds) f.append('file', new Blob([readFileSync(join(EXAMPLES, s))]), s);
    const { jobs } = (await app.inject({ method: 'POST', url: '/api/v1/imports?wait=true', payload: f, headers })).json() as { jobs: { reportId: number }[] };
    type Detail = { id: number; agencyId: number; year: number; agency: string; status: string; model: { meta: { agency: string; year: number }; applications: Record<string, Record<string, number | null>>; sections: { no: number; text: string }[] }; findings: { rule: string }[]; version: { number: number; origin: string; reason: string | null }; notes: string[]; basis: { from: string; report: number | null } };
    const last = (await app.inject({ url: `/api/v1/reports/${jobs[0].reportId}`, headers })).json() as Detail;
    // Last year's 结转下年度 edited to figures, so that carrying them is seen.
    const forward = { naturalPerson: 3, commercialEnterprise: 1, total: 4 };
    const cells = Object.fromEntries(Object.entries(forward).map(([k, v]) => [`applications.carriedForward.${k}`, v]));
    assert.equal((await app.inject({ method: 'PATCH', url: `/api/v1/reports/${last.id}`, payload: { cells, reason: '结转' }, headers })).statusCode, 200);

    const made = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: { agency: last.agencyId, year: last.year + 1 }, headers });
    assert.equal(made.statusCode, 201, made.body);
    const draft = made.json() as Detail;
    assert.deepEqual(draft.basis, { from: 'report', report: last.id });
    assert.equal(draft.status, 'draft');
    assert.deepEqual([draft.agencyId, draft.year, draft.model.meta.agency, draft.model.meta.year], [last.agencyId, last.year + 1, last.model.meta.agency, last.year + 1]);
    for (const [k, v] of Object.entries(forward)) assert.equal(draft.model.applications.carriedOver[k], v, k);
    assert.equal(draft.model.applications.received.naturalPerson, null, 'this year\'s figures are not last year\'s');
    assert.match(draft.model.sections[0].text, /____/, 'the narrative drafted, its figures blanks to fill');
    assert.deepEqual([draft.version.number, draft.version.origin], [1, 'draft']);
    assert.match(draft.version.reason!, new RegExp(`#${last.id}`));
    assert.ok(draft.findings.some((x) => x.rule === 'blank-cell'), 'a draft is checked like any report');
    // Editing it is editing any report.
    const edited = await app.inject({ method: 'PATCH', url: `/api/v1/reports/${draft.id}`, payload: { cells: { 'applications.received.naturalPerson': 2 }, reason: '填写' }, headers });
    assert.equal(edited.statusCode, 200, edited.body);

    const again = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: { agency: last.agencyId, year: last.year + 1, from: 'blank' }, headers });
    assert.equal(again.statusCode, 409);
    assert.match((again.json() as { error: { message: string } }).error.message, new RegExp(`已有 ${last.year + 1} 年度的报告（#${draft.id}）`));

    const blank = (await app.inject({ method: 'POST', url: '/api/v1/reports', payload: { agency: last.agencyId, year: last.year + 2, from: 'blank' }, headers })).json() as Detail;
    assert.deepEqual(blank.basis, { from: 'blank', report: null });
    assert.equal(blank.model.applications.carriedOver.naturalPerson, null);

    // A government's sum saved as its draft.
    const year = last.year;
    const gov = (await app.inject({ method: 'POST', url: '/api/v1/agencies', payload: { name: '某县人民政府', parentId: null, kind: 'government' }, headers })).json() as { id: number };
    const depts = await Promise.all(jobs.map(async (j) => (await app.inject({ url: `/api/v1/reports/${j.reportId}`, headers })).json() as Detail));
    const sameYear = depts.filter((d) => d.year === year);
    for (const d of sameYear) await app.inject({ method: 'POST', url: '/api/v1/agencies', payload: { name: d.agency, parentId: gov.id }, headers });
    const summed = (await app.inject({ method: 'POST', url: '/api/v1/sum', payload: { agency: gov.id, year }, headers })).json() as { report: Detail['model'] };
    const saved = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: { agency: gov.id, year, from: 'sum' }, headers });
    assert.equal(saved.statusCode, 201, saved.body);
    const govDraft = saved.json() as Detail;
    assert.deepEqual([govDraft.agencyId, govDraft.version.origin, govDraft.basis.from], [gov.id, 'sum', 'sum']);
    assert.deepEqual(govDraft.model.applications, summed.report.applications);
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/reports', payload: { agency: 99999, year } , headers })).statusCode, 404);
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/reports', payload: { agency: gov.id, year: 2018 }, headers })).statusCode, 400);
  } finally {
    await close();
  }
});

test('GET /cells: some cells of every report of a year, from the cell tables, equal to the models; unknown cells refused by name', async () => {
  const { app, headers, close } = await adminApp('cells');
  try {
    const f = new FormData();
    for (const s of seeds) f.append('file', new Blob([readFileSync(join(EXAMPLES, s))]), s);
    await app.inject({ method: 'POST', url: '/api/v1/imports?wait=true', payload: f, headers });
    const paths = ['applications.received.total', 'reviews.reconsideration.corrected', 'active.fees.amount'];
    const r = await app.inject({ url: `/api/v1/cells?year=2024&${paths.map((p) => `path=${p}`).join('&')}`, headers });
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json() as { template: string; paths: string[]; items: { id: number; agency: string; errors: number; values: (number | null)[] }[] };
    assert.equal(body.template, '2021');
    assert.deepEqual(body.paths, paths);
    assert.equal(body.items.length, 3, 'three seeds are of 2024');
    for (const item of body.items) {
      const { model } = (await app.inject({ url: `/api/v1/reports/${item.id}`, headers })).json() as { model: Record<string, Record<string, Record<string, number | null>>> };
      assert.deepEqual(item.values, paths.map((p) => { const [t, row, col] = p.split('.'); return model[t][row][col]; }), item.agency);
    }
    const bad = await app.inject({ url: '/api/v1/cells?year=2024&path=applications.nothing.total', headers });
    assert.equal(bad.statusCode, 400);
    assert.match((bad.json() as { error: { message: string } }).error.message, /applications\.nothing\.total/);
    const other = (await app.inject({ url: '/api/v1/cells?year=2024&path=applications.received.total&hasErrors=true', headers })).json() as { items: unknown[] };
    // The list's filters apply.
    assert.equal(other.items.length, body.items.filter((i) => i.errors > 0).length);
  } finally {
    await close();
  }
});

test('export as CSV (a row per report, a column per cell, official labels) and the series of a cell with carry-over between years', async () => {
  const { app, headers, close } = await adminApp('researcher');
  try {
    const text = readFileSync(join(EXAMPLES, seeds[0]), 'utf8');
    const f = new FormData();
    f.append('file', new Blob([text]), 'a.txt');
    const { jobs } = (await app.inject({ method: 'POST', url: '/api/v1/imports?wait=true', payload: f, headers })).json() as { jobs: { reportId: number }[] };
    const first = (await app.inject({ url: `/api/v1/reports/${jobs[0].reportId}`, headers })).json() as { agencyId: number; year: number; model: { applications: { carriedForward: Record<string, number> } } };
    // The same agency's next year, whose 上年结转 differs from this year's 结转下年度.
    const next = (await app.inject({ method: 'PATCH', url: `/api/v1/reports/${jobs[0].reportId}`, payload: { reason: '只为取得模型' }, headers })).json() as { model: Record<string, unknown> };
    const model = structuredClone(next.model) as { meta: { year: number }; applications: { carriedOver: Record<string, number> }; diagnostics: unknown[] };
    model.meta.year = first.year + 1;
    model.applications.carriedOver.naturalPerson = (first.model.applications.carriedForward.naturalPerson ?? 0) + 3;
    const g = new FormData();
    g.append('file', new Blob([JSON.stringify(model)]), 'b.json');
    await app.inject({ method: 'POST', url: '/api/v1/imports?wait=true', payload: g, headers });

    const csv = await app.inject({ url: '/api/v1/export', headers });
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = csv.body.replace(/^\ufeff/, '').trim().split('\r\n');
    assert.equal(lines.length, 3, 'a header and two reports');
    assert.match(lines[0], /^编号,机关,年度,状态,模板,二、/);
    assert.match(lines[0], /自然人/);
    // The same table as XLSX, read back by exceljs: the header's labels, numbers as numbers, blanks empty.
    const xlsx = await app.inject({ url: '/api/v1/export?format=xlsx', headers });
    assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('报告')!;
    const csvHead = lines[0].split(',');
    assert.equal(sheet.rowCount, 3);
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), csvHead, 'the same header as the CSV');
    const csvRow = lines[1].split(',');
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    for (let c = 5; c < csvHead.length; c++) {
      const v = row[c];
      if (csvRow[c] === '') assert.equal(v ?? null, null, `${csvHead[c]}: blank in the CSV, blank in the workbook`);
      else assert.equal(v, Number(csvRow[c]), `${csvHead[c]}: the number itself`);
    }
    assert.equal((await app.inject({ url: '/api/v1/export?format=pdf', headers })).statusCode, 400);

    const series = (await app.inject({ url: `/api/v1/series?agency=${first.agencyId}&path=applications.carriedOver.naturalPerson`, headers })).json() as { points: { year: number; value: number }[]; carryOver: { year: number; message: string }[] };
    assert.deepEqual(series.points.map((p) => p.year), [first.year, first.year + 1]);
    assert.equal(series.carryOver.length > 0, true, 'the carry-over between the two years is checked');
    assert.equal((await app.inject({ url: `/api/v1/series?agency=${first.agencyId}&path=nothing.here`, headers })).statusCode, 400);
  } finally {
    await close();
  }
});
