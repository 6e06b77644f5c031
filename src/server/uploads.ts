// Zip archives among the uploaded files: each entry becomes a file of the batch, as if uploaded one
// by one. The archive is read as a stream (fflate's Unzip) and every entry's bytes are counted as
// they are inflated, never trusting the sizes the archive declares: an entry inflating past the
// file limit, or an archive past the upload's total, refuses the whole upload (413) — a zip bomb
// costs a bounded amount of work and leaves nothing queued. Entries are written to the spool under
// numbers, never under their own names, so a path like `../x` cannot write outside it; such an
// entry still refuses the archive, since an archive that means to escape is not a batch of reports.
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { ApiError } from './errors.ts';
import type { SpooledFile } from './imports.ts';

export interface UploadLimits {
  /** Bytes of one file (an entry, inflated). */
  fileBytes: number;
  /** Bytes of all of an upload's files together, inflated. */
  totalBytes: number;
  /** Files in one upload. */
  files: number;
}

/** An archive by its name (a DOCX is a zip too, and stays a document). */
export const isZipName = (name: string) => /\.zip$/i.test(name);

/**
 * An entry's name as its author wrote it: zips made on Chinese Windows store GBK names without the
 * UTF-8 flag, which fflate gives as Latin-1 characters; those bytes are decoded as UTF-8 if they
 * are UTF-8, else as GB18030.
 */
export function entryName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/^[\u0000-\u00ff]*$/.test(raw) || /^[\u0000-\u007f]*$/.test(raw)) return raw;
  const bytes = Buffer.from(raw, 'latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Entries that are no report: folders, macOS's resource forks and Finder files. */
const skipped = (name: string) => name.endsWith('/') || /(^|\/)__MACOSX\//.test(name) || /(^|\/)(\._[^/]*|\.DS_Store)$/.test(name);

/** A path that leaves the archive: `..` as a segment, a root, a drive. */
const escapes = (name: string) => name.split('/').includes('..') || name.startsWith('/') || /^[A-Za-z]:/.test(name);

/** What the user sees: the archive's name and the entry's path in it, without control characters. */
// eslint-disable-next-line no-control-regex
const shown = (zip: string, name: string) => `${zip}/${name.replace(/[\u0000-\u001f\u007f]/g, '')}`.slice(0, 200);

/**
 * Expands the archive at `path` (named `zip`) into spool files named by `spoolPath`; `used` is
 * what the upload's files before it took, and grows by what the archive's take. Refuses (throws ApiError) an archive that is damaged,
 * escapes, is too large or holds too many files; writes nothing but spool files, which the caller
 * removes on a refusal.
 */
export async function expandZip(path: string, zip: string, spoolPath: () => string, used: { bytes: number; files: number }, limits: UploadLimits): Promise<SpooledFile[]> {
  const out: SpooledFile[] = [];
  let finished = 0;
  const writes: Promise<void>[] = [];
  let total = used.bytes;
  let failure: ApiError | null = null;
  const fail = (e: ApiError) => {
    failure ??= e;
  };
  const unzip = new Unzip((file: UnzipFile) => {
    if (failure) return;
    const name = entryName(file.name).replace(/\\/g, '/');
    if (escapes(name)) return fail(new ApiError(400, 'zip_path', `压缩包「${zip}」中的「${shown('', name).slice(1)}」指向包外，整个压缩包不予导入`));
    if (skipped(name)) return;
    if (used.files + out.length + 1 > limits.files) return fail(new ApiError(413, 'too_many_files', `一次最多上传 ${limits.files} 个文件（含压缩包中的文件）`));
    const target = { path: spoolPath(), name: shown(zip, name) };
    out.push(target);
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) return fail(new ApiError(400, 'zip_damaged', `压缩包「${zip}」已损坏，无法解压「${target.name}」`));
      size += chunk.length;
      total += chunk.length;
      if (size > limits.fileBytes) return fail(new ApiError(413, 'too_large', `压缩包「${zip}」中的「${target.name}」解压后超过 ${limits.fileBytes / 1048576} MB 上限`));
      if (total > limits.totalBytes) return fail(new ApiError(413, 'too_large', `上传的文件解压后合计超过 ${limits.totalBytes / 1048576} MB 上限`));
      chunks.push(chunk);
      if (!final) return;
      finished++;
      writes.push(writeFile(target.path, Buffer.concat(chunks)));
    };
    try {
      file.start();
    } catch {
      fail(new ApiError(400, 'zip_method', `压缩包「${zip}」中的「${target.name}」使用了不支持的压缩方式（只支持存储与 deflate）`));
    }
  });
  unzip.register(UnzipInflate);
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      unzip.push(chunk);
      // Written as they complete, so that memory holds about one entry, not the archive's content.
      await Promise.all(writes.splice(0));
      if (failure) throw failure;
    }
    unzip.push(new Uint8Array(0), true);
    await Promise.all(writes.splice(0));
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError(400, 'zip_damaged', `压缩包「${zip}」已损坏或不是 zip 文件`);
  }
  if (failure) throw failure;
  // An archive cut short ends inside an entry: that entry never finished.
  if (finished < out.length) throw new ApiError(400, 'zip_damaged', `压缩包「${zip}」不完整，「${out[finished].name}」缺少数据`);
  // Bytes that are no archive at all (fflate finds no entry in them) are not an empty batch.
  if (!out.length && bytes > 0 && !(await startsLikeZip(path))) throw new ApiError(400, 'zip_damaged', `「${zip}」不是 zip 文件`);
  used.bytes = total;
  used.files += out.length;
  return out;
}

async function startsLikeZip(path: string): Promise<boolean> {
  for await (const chunk of createReadStream(path, { start: 0, end: 3 }) as AsyncIterable<Buffer>) return chunk.length >= 4 && chunk[0] === 0x50 && chunk[1] === 0x4b;
  return false;
}
