// Reading an input's bytes with a cap while reading, not by trusting stat: a device (/dev/zero),
// standard input or a named pipe has no size, and a file may grow; each is refused at the limit.
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { MAX_BYTES, tooLarge } from '../read/limits.ts';
import { readReason } from '../util/errno.ts';

export type Bytes = { bytes: Uint8Array } | { error: string };

const CHUNK = 1 << 20;

/** Reads chunks until the end or past `max`; the bytes in one buffer of their own (transferable). */
async function capped(read: (buf: Uint8Array) => Promise<number>, max: number, sizeHint: number): Promise<Bytes> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const buf = new Uint8Array(Math.min(Math.max(sizeHint - total + 1, 4096), CHUNK));
    const n = await read(buf);
    if (n === 0) break;
    total += n;
    if (total > max) return { error: tooLarge(null) };
    chunks.push(n === buf.length ? buf : buf.subarray(0, n));
  }
  if (chunks.length === 1 && chunks[0].byteOffset === 0 && chunks[0].byteLength === chunks[0].buffer.byteLength) return { bytes: chunks[0] };
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { bytes: out };
}


/** The bytes of a file (`-`: standard input), at most `max`. */
export async function readInputBytes(file: string, max = MAX_BYTES): Promise<Bytes> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const c of process.stdin as AsyncIterable<Buffer>) {
      total += c.length;
      if (total > max) {
        process.stdin.destroy();
        return { error: tooLarge(null) };
      }
      chunks.push(c);
    }
    return { bytes: new Uint8Array(Buffer.concat(chunks)) };
  }
  let h;
  try {
    h = await open(file, 'r');
  } catch (e) {
    return { error: readReason(e) };
  }
  try {
    const st = await h.stat();
    if (st.isDirectory()) return { error: '这是目录' };
    // A regular file says its size: a file too large is refused before a byte is read.
    if (st.isFile() && st.size > max) return { error: tooLarge(st.size) };
    return await capped(async (buf) => (await h.read(buf, 0, buf.length, null)).bytesRead, max, st.isFile() ? st.size : CHUNK);
  } catch (e) {
    return { error: readReason(e) };
  } finally {
    await h.close().catch(() => {});
  }
}

/**
 * The bytes of a regular file, read in the calling thread (a batch worker, where blocking costs no
 * one): `notRegular` for anything else — a pipe, a device, a socket — which the parent reads with
 * the capped reader above. Such a file is only stat'ed here, never opened: opening a named pipe
 * would let its writer go on and lose what it wrote. Read to the end, not to the size stat gave,
 * so that a file growing meanwhile is capped too.
 */
export function readRegularFile(file: string, max = MAX_BYTES): Bytes | { notRegular: true } {
  let fd: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) return { error: '这是目录' };
    if (!st.isFile()) return { notRegular: true };
    if (st.size > max) return { error: tooLarge(st.size) };
    fd = openSync(file, 'r');
  } catch (e) {
    return { error: readReason(e) };
  }
  try {
    let buf = new Uint8Array(fstatSync(fd).size + 1);
    let total = 0;
    for (;;) {
      const n = readSync(fd, buf, total, buf.length - total, null);
      if (n === 0) break;
      total += n;
      if (total > max) return { error: tooLarge(null) };
      if (total === buf.length) {
        const grown = new Uint8Array(Math.min(buf.length * 2, max + 1));
        grown.set(buf);
        buf = grown;
      }
    }
    return { bytes: buf.subarray(0, total) };
  } catch (e) {
    return { error: readReason(e) };
  } finally {
    closeSync(fd);
  }
}
