// Accounts: the permission matrix — every role × every endpoint × own / other agency, generated
// from one table (PERMISSIONS and the endpoints below) — and the session's safeguards: cookie
// flags, CSRF, lockout after failed logins, API tokens, the audit log, visitors reading only
// published reports.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { openStore, type Store } from '../src/db/index.ts';
import { buildApp } from '../src/server/app.ts';
import { createToken, createUser, PERMISSIONS, ROLES, type Permission, type Role } from '../src/server/auth.ts';
import { EXAMPLES, tempDir } from './shared.ts';

const seeds = readdirSync(EXAMPLES).filter((f) => /^seed-.*\.txt$/.test(f)).sort();
const form = (files: string[]) => {
  const f = new FormData();
  for (const name of files) f.append('file', new Blob([readFileSync(join(EXAMPLES, name))]), name);
  return f;
};

/** Each endpoint, the permission it needs, and whether it is about one report. */
/** Each stored report's year, for the sum's payload. */
const years = new Map<number, number>();
const agencyIds = new Map<number, number>();
const ENDPOINTS: { name: string; perm: Permission; method: 'GET' | 'POST' | 'PATCH'; url: (id: number) => string; payload?: (id: number) => unknown; type?: string; report: boolean }[] = [
  { name: 'list', perm: 'report.read', method: 'GET', url: () => '/api/v1/reports', report: false },
  { name: 'one', perm: 'report.read', method: 'GET', url: (id) => `/api/v1/reports/${id}`, report: true },
  { name: 'source', perm: 'report.read', method: 'GET', url: (id) => `/api/v1/reports/${id}/source`, report: true },
  { name: 'versions', perm: 'report.read', method: 'GET', url: (id) => `/api/v1/reports/${id}/versions`, report: true },
  { name: 'comments', perm: 'report.read', method: 'GET', url: (id) => `/api/v1/reports/${id}/comments`, report: true },
  { name: 'render', perm: 'report.read', method: 'GET', url: (id) => `/api/v1/reports/${id}/render?format=md`, report: true },
  { name: 'edit', perm: 'report.edit', method: 'PATCH', url: (id) => `/api/v1/reports/${id}`, payload: () => ({ sections: { '6': '无。' }, reason: '权限测试' }), report: true },
  { name: 'submit', perm: 'report.submit', method: 'POST', url: (id) => `/api/v1/reports/${id}/status`, payload: () => ({ status: 'submitted', comment: '' }), report: true },
  { name: 'review', perm: 'report.review', method: 'POST', url: (id) => `/api/v1/reports/${id}/status`, payload: () => ({ status: 'returned', comment: '' }), report: true },
  { name: 'comment', perm: 'report.comment', method: 'POST', url: (id) => `/api/v1/reports/${id}/comments`, payload: () => ({ body: '请核对' }), report: true },
  { name: 'create', perm: 'report.edit', method: 'POST', url: () => '/api/v1/reports', payload: (id) => ({ agency: agencyIds.get(id), year: years.get(id)! + 1 }), report: true },
  { name: 'sum', perm: 'report.read', method: 'POST', url: () => '/api/v1/sum', payload: (id) => ({ reports: [id], year: years.get(id) }), report: true },
  { name: 'import', perm: 'report.import', method: 'POST', url: () => '/api/v1/imports', payload: () => form([seeds[0]]), report: false },
  { name: 'agencies-import', perm: 'users.manage', method: 'POST', url: () => '/api/v1/agencies/import', payload: () => '名称\n权限测试局\n', type: 'text/csv', report: false },
  { name: 'users', perm: 'users.manage', method: 'GET', url: () => '/api/v1/users', report: false },
  { name: 'audit', perm: 'audit.read', method: 'GET', url: () => '/api/v1/audit', report: false },
];

describe('accounts (PGlite)', () => {
  let store: Store;
  let app: FastifyInstance;
  const tokens = new Map<string, string>();
  let own = 0;
  let other = 0;
  before(async () => {
    store = await openStore({ dataDir: null });
    app = await buildApp({ store, spool: tempDir('spool-perm'), jobs: 1 });
    const admin = await createUser(store.db, { name: 'root', password: 'root password 1', role: 'admin', agencyId: null });
    const adminToken = await createToken(store.db, { id: admin, name: 'root', role: 'admin', scope: null, via: 'session' }, 't');
    tokens.set('admin', adminToken);
    const r = await app.inject({ method: 'POST', url: '/api/v1/imports?wait=true', payload: form(seeds.slice(0, 2)), headers: { authorization: `Bearer ${adminToken}` } });
    const [a, b] = (r.json() as { jobs: { reportId: number }[] }).jobs;
    [own, other] = [a.reportId, b.reportId];
    const ownAgency = ((await app.inject({ url: `/api/v1/reports/${own}`, headers: { authorization: `Bearer ${adminToken}` } })).json() as { agencyId: number }).agencyId;
    for (const id of [own, other]) agencyIds.set(id, ((await app.inject({ url: `/api/v1/reports/${id}`, headers: { authorization: `Bearer ${adminToken}` } })).json() as { agencyId: number }).agencyId);
    for (const id of [own, other]) years.set(id, ((await app.inject({ url: `/api/v1/reports/${id}`, headers: { authorization: `Bearer ${adminToken}` } })).json() as { year: number }).year);
    for (const role of ROLES.filter((x) => x !== 'admin')) {
      const id = await createUser(store.db, { name: role, password: `${role} password 1`, role, agencyId: ownAgency });
      tokens.set(role, await createToken(store.db, { id, name: role, role, scope: null, via: 'session' }, 't'));
    }
  });
  after(async () => {
    await app?.close();
    await store?.close();
  });

  test('every role × every endpoint × own / other agency, and a visitor', async () => {
    const failures: string[] = [];
    for (const who of ['anonymous', ...ROLES] as const) {
      for (const e of ENDPOINTS) {
        for (const target of e.report ? (['own', 'other'] as const) : (['-'] as const)) {
          const id = target === 'other' ? other : own;
          const payload = e.payload?.(id);
          const headers = { ...(who === 'anonymous' ? {} : { authorization: `Bearer ${tokens.get(who)}` }), ...(e.type ? { 'content-type': e.type } : {}) };
          const r = await app.inject({ method: e.method, url: e.url(id), ...(payload !== undefined ? { payload: payload as object } : {}), headers });
          const allowed = who !== 'anonymous' && (PERMISSIONS[e.perm] as readonly Role[]).includes(who);
          const scoped = who !== 'admin';
          let want: string;
          // A visitor reads published reports only: any other is not there for it.
          if (who === 'anonymous') want = e.perm === 'report.read' ? (e.report ? '404' : '200') : '401';
          else if (!allowed) want = '403';
          else if (e.report && target === 'other' && scoped) want = '403';
          else want = 'ok';
          const got = r.statusCode === 401 || r.statusCode === 403 || r.statusCode === 404 ? String(r.statusCode) : r.statusCode < 500 ? (want === '200' && r.statusCode === 200 ? '200' : 'ok') : `5xx ${r.body}`;
          if (got !== want) failures.push(`${who} ${e.name} ${target}: ${r.statusCode} (want ${want}) ${r.body.slice(0, 120)}`);
          if (r.statusCode === 401 || r.statusCode === 403) assert.match((r.json() as { error: { message: string } }).error.message, /[\u4e00-\u9fff]/);
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  test('a scoped editor cannot import another agency\'s report: the job fails, nothing is stored', async () => {
    const count = async () => ((await app.inject({ url: '/api/v1/reports?limit=100', headers: { authorization: `Bearer ${tokens.get('admin')}` } })).json() as { items: unknown[] }).items.length;
    const before = await count();
    const r = await app.inject({ method: 'POST', url: '/api/v1/imports?wait=true', payload: form([seeds[3]]), headers: { authorization: `Bearer ${tokens.get('editor')}` } });
    const [job] = (r.json() as { jobs: { status: string; reason: string }[] }).jobs;
    assert.equal(job.status, 'failed');
    assert.match(job.reason, /不在当前账号的管辖范围内/);
    assert.equal(await count(), before);
  });

  test('login: HttpOnly SameSite cookie, CSRF on changes, lockout after 5 wrong passwords, logout', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { name: 'viewer', password: 'wrong' } });
    assert.equal(bad.statusCode, 401);
    const ok = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { name: 'editor', password: 'editor password 1' } });
    assert.equal(ok.statusCode, 200, ok.body);
    const setCookie = String(ok.headers['set-cookie']);
    assert.match(setCookie, /HttpOnly/i);
    assert.match(setCookie, /SameSite=Lax/i);
    const cookie = setCookie.split(';')[0];
    const { csrf } = ok.json() as { csrf: string };
    const me = await app.inject({ url: '/api/v1/session', headers: { cookie } });
    assert.equal((me.json() as { user: { name: string } }).user.name, 'editor');
    const noCsrf = await app.inject({ method: 'POST', url: `/api/v1/reports/${own}/comments`, payload: { body: 'x' }, headers: { cookie } });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal((noCsrf.json() as { error: { code: string } }).error.code, 'csrf');
    const withCsrf = await app.inject({ method: 'POST', url: `/api/v1/reports/${own}/comments`, payload: { body: 'x' }, headers: { cookie, 'x-csrf-token': csrf } });
    assert.equal(withCsrf.statusCode, 201);
    const out = await app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie, 'x-csrf-token': csrf } });
    assert.equal(out.statusCode, 204);
    assert.equal((await app.inject({ url: '/api/v1/session', headers: { cookie } })).statusCode, 401, 'the session is gone');

    for (let k = 0; k < 5; k++) await app.inject({ method: 'POST', url: '/api/v1/session', payload: { name: 'reviewer', password: 'wrong' }, remoteAddress: `10.0.0.${k}` });
    const locked = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { name: 'reviewer', password: 'reviewer password 1' }, remoteAddress: '10.0.1.1' });
    assert.equal(locked.statusCode, 429);
    assert.match((locked.json() as { error: { message: string } }).error.message, /锁定/);
  });

  test('a visitor sees published reports only; the audit log records who changed what, and exports as CSV', async () => {
    const admin = { authorization: `Bearer ${tokens.get('admin')}` };
    for (const status of ['submitted', 'approved', 'published']) {
      const r = await app.inject({ method: 'POST', url: `/api/v1/reports/${other}/status`, payload: { status }, headers: admin });
      assert.ok(r.statusCode === 200 || r.statusCode === 409, r.body);
    }
    const visitor = (await app.inject({ url: '/api/v1/reports' })).json() as { items: { id: number; status: string }[] };
    assert.deepEqual(visitor.items.map((i) => i.id), [other]);
    assert.equal((await app.inject({ url: `/api/v1/reports/${other}` })).statusCode, 200);
    assert.equal((await app.inject({ url: `/api/v1/reports/${own}` })).statusCode, 404);

    const log = (await app.inject({ url: '/api/v1/audit', headers: admin })).json() as { items: { userName: string; action: string; before: unknown; after: unknown }[] };
    const actions = new Set(log.items.map((i) => i.action));
    for (const a of ['report.import', 'report.edit', 'report.status', 'report.comment', 'login', 'logout']) assert.ok(actions.has(a), a);
    const edit = log.items.find((i) => i.action === 'report.edit')!;
    assert.ok(edit.userName && edit.before && edit.after);
    const csv = await app.inject({ url: '/api/v1/audit?format=csv', headers: admin });
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body, /时间,用户,操作/);
  });
});
