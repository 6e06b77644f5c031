// Uploads that are not one plain file: zip archives (entries imported one by one; folders, macOS
// junk skipped; GBK names), and the bad ones — a zip bomb, an entry escaping with `../`, a damaged
// or cut archive, a body over the limit — each refused whole with a 4xx and a Chinese message,
// nothing queued. Through Fastify's inject, on the embedded database.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { zipSync } from 'fflate';
import type { FastifyInstance } from 'fastify';
import { openStore, type Store } from '../src/db/index.ts';
import { importJobs } from '../src/db/schema.ts';
import { buildApp } from '../src/server/app.ts';
import { createToken, createUser } from '../src/server/auth.ts';
import { entryName } from '../src/server/uploads.ts';
import { EXAMPLES, seedNames, tempDir } from './shared.ts';

let store: Store;
let app: FastifyInstance;
let headers: Record<string, string>;

before(async () => {
  store = await openStore({ dataDir: null });
  app = await buildApp({ store, spool: tempDir('spool-uploads'), jobs: 1 });
  const id = await createUser(store.db, { name: 'uploader', password: 'uploader password', role: 'admin', agencyId: null });
  headers = { authorization: `Bearer ${await createToken(store.db, { id, name: 'uploader', role: 'admin', scope: null, via: 'session' }, 't')}` };
});
after(async () => {
  await app.close();
  await store.close();
});

const upload = (files: { name: string; bytes: Uint8Array }[]) => {
  const f = new FormData();
  for (const x of files) f.append('file', new Blob([Buffer.from(x.bytes)]), x.name);
  return app.inject({ method: 'POST', url: '/api/v1/imports?wait=true', payload: f, headers });
};
const jobCount = async () => (await store.db.select().from(importJobs)).length;
const seed = (i: number) => new Uint8Array(readFileSync(join(EXAMPLES, seedNames[i])));

test('a zip: each report in it is a job named by the archive and its path; folders and macOS junk are skipped', async () => {
  const zip = zipSync({ '上报/': new Uint8Array(0), [`上报/${seedNames[0]}`]: seed(0), [seedNames[1]]: seed(1), '__MACOSX/._x.txt': new Uint8Array(3), '.DS_Store': new Uint8Array(5) });
  const before = await jobCount();
  const r = await upload([{ name: '二〇二三年.zip', bytes: zip }, { name: seedNames[2], bytes: seed(2) }]);
  assert.equal(r.statusCode, 201, r.body);
  const { jobs } = r.json() as { jobs: { file: string; status: string; reportId: number }[] };
  assert.deepEqual(jobs.map((j) => j.file), [`二〇二三年.zip/上报/${seedNames[0]}`, `二〇二三年.zip/${seedNames[1]}`, seedNames[2]]);
  assert.deepEqual(jobs.map((j) => j.status), ['stored', 'stored', 'stored']);
  assert.equal(await jobCount(), before + 3);
});

test('zip entry names in GBK without the UTF-8 flag (Chinese Windows) are read as GBK; UTF-8 and ASCII stay', () => {
  // 报告.txt in GBK, as fflate hands such a name over: one Latin-1 character a byte.
  const gbk = Buffer.from([0xb1, 0xa8, 0xb8, 0xe6, 0x2e, 0x74, 0x78, 0x74]).toString('latin1');
  assert.equal(entryName(gbk), '报告.txt');
  assert.equal(entryName(Buffer.from('报告.txt').toString('latin1')), '报告.txt');
  assert.equal(entryName('报告.txt'), '报告.txt');
  assert.equal(entryName('report.txt'), 'report.txt');
});

const refused = async (files: { name: string; bytes: Uint8Array }[], status: number, code: string, message: RegExp) => {
  const before = await jobCount();
  const r = await upload(files);
  assert.equal(r.statusCode, status, r.body);
  const { error } = r.json() as { error: { code: string; message: string } };
  assert.equal(error.code, code);
  assert.match(error.message, message);
  assert.doesNotMatch(error.message, /Error|at \w+ \(/, 'Chinese, no stack');
  assert.equal(await jobCount(), before, 'nothing queued: the upload is refused whole');
};

test('a zip bomb is stopped by the bytes it inflates, not by the sizes it declares: 413, nothing queued', async () => {
  const bomb = zipSync({ 'ok.txt': seed(0), 'zeros.txt': new Uint8Array(65 * 1024 * 1024) }, { level: 9 });
  assert.ok(bomb.length < 1024 * 1024, 'small on the wire');
  await refused([{ name: 'bomb.zip', bytes: bomb }], 413, 'too_large', /zeros\.txt.*解压后超过 64 MB/);
});

test('a zip with an entry escaping by ../ (or from the root) is refused whole', async () => {
  await refused([{ name: 'a.zip', bytes: zipSync({ 'ok.txt': seed(0), '../../etc/evil.txt': seed(1) }) }], 400, 'zip_path', /「\.\.\/\.\.\/etc\/evil\.txt」指向包外/);
  await refused([{ name: 'b.zip', bytes: zipSync({ '/abs.txt': seed(0) }) }], 400, 'zip_path', /指向包外/);
});

test('bytes named .zip that are no zip, and an archive cut short, are refused with the archive named', async () => {
  await refused([{ name: 'fake.zip', bytes: new TextEncoder().encode('这不是压缩包') }], 400, 'zip_damaged', /「fake\.zip」不是 zip 文件/);
  const whole = zipSync({ [seedNames[0]]: seed(0) }, { level: 0 });
  await refused([{ name: 'cut.zip', bytes: whole.subarray(0, Math.floor(whole.length / 2)) }], 400, 'zip_damaged', /cut\.zip/);
});

test('a JSON body over the limit is 413 with a Chinese message; a file over 64 MB is 413 and not stored in part', async () => {
  const r = await app.inject({ method: 'POST', url: '/api/v1/agencies', payload: JSON.stringify({ name: 'x'.repeat(2 << 20), parentId: null }), headers: { ...headers, 'content-type': 'application/json' } });
  assert.equal(r.statusCode, 413);
  assert.equal((r.json() as { error: { code: string } }).error.code, 'too_large');
  await refused([{ name: 'big.txt', bytes: new Uint8Array(64 * 1024 * 1024 + 1) }], 413, 'too_large', /big\.txt.*超过 64 MB/);
});
