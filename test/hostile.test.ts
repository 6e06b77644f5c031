// Hostile and wrong files end in one clear error (or a correct read), within the limits.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, writeFileSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readBytes } from '../src/engine.ts';
import { tempDir } from './shared.ts';

const tmp = tempDir('hostile');
const xxgk = (args: string[]) => spawnSync('node', [join(import.meta.dirname, '..', 'bin', 'xxgk.js'), ...args], { encoding: 'utf8', timeout: 120_000 });

test('a 1 GB file is refused by its size before a byte is read', () => {
  const big = join(tmp, 'big.pdf');
  const fd = openSync(big, 'w');
  ftruncateSync(fd, 1024 ** 3);
  closeSync(fd);
  const r = xxgk(['parse', big]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /big\.pdf: 文件过大（1024\.0 MB，上限 64 MB）/);
});

/** A real PDF of `count` empty pages (each page its own object, as a 10,000-page file has). */
function pdfOfPages(count: number): Uint8Array {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${Array.from({ length: count }, (_, i) => `${i + 3} 0 R`).join(' ')}] /Count ${count} >>`];
  for (let i = 0; i < count; i++) objects.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>');
  const parts = ['%PDF-1.4\n'];
  let length = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(length);
    const obj = `${i + 1} 0 obj\n${o}\nendobj\n`;
    parts.push(obj);
    length += obj.length;
  });
  parts.push(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`);
  return new TextEncoder().encode(parts.join(''));
}

test('a PDF of 10,000 pages is refused by its page count', async () => {
  const r = await readBytes(pdfOfPages(10_000), 'many.pdf');
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.error : '', /10000 页，超过 300 页上限/);
});

test('a JPEG named .pdf is read as what it is (an image), not as a PDF', async () => {
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
  const r = await readBytes(jpeg, 'scan.pdf');
  assert.equal(r.ok, false);
  assert.doesNotMatch(!r.ok ? r.error : '', /PDF/);
});

test('a broken PDF and an empty PDF: one clear line each', async () => {
  const broken = await readBytes(new TextEncoder().encode('%PDF-1.7\nthis is not a pdf at all'), 'broken.pdf');
  assert.equal(broken.ok, false);
  const path = join(tmp, 'empty.pdf');
  writeFileSync(path, '');
  const r = xxgk(['check', path]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});
