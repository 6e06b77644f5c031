// The DOC reader: old binary Word files (.doc) and WPS files saved in the same OLE format.
// word-extractor (pure JS) gives the body text with each table row on a line and its cells
// separated by tabs — the tab-rows layout the text reader already knows. Where it cannot read a
// file and LibreOffice is installed, the file is converted to DOCX for the DOCX reader instead.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import WordExtractor from 'word-extractor';
import type { Document } from '../document.ts';
import { run, withTempDir } from '../../util/process.ts';
import { readTextDocument } from '../text/index.ts';

/** What the DOC reader gives: a Document, DOCX bytes for the DOCX reader, or why neither. */
export type DocResult = Document | { convertedDocx: Uint8Array } | { error: string };

export interface DocOptions {
  /** Convert with LibreOffice when word-extractor fails (default true). */
  soffice: boolean;
  /** Time limit of the conversion, ms. */
  sofficeTimeoutMs: number;
}

export const DEFAULT_DOC: DocOptions = { soffice: true, sofficeTimeoutMs: 60_000 };

/** Word's own marks that are not text: field and object placeholders, a page or section break. */
const CONTROL = /[\u0001-\u0008\u000b\u000c\u000e-\u001f]/g;

/** word-extractor's body text → the text reader's input. */
export function bodyToText(body: string): string {
  return (
    body
      .replace(/\r\n?/g, '\n')
      .replace(CONTROL, '')
      // Every table row ends with a tab (its end-of-row mark); the cells are the tabs before it.
      .replace(/\t\n/g, '\n')
      .replace(/\t$/, '')
  );
}

/** Reads a .doc / .wps (OLE) file. */
export async function readDocDocument(bytes: Uint8Array, options: Partial<DocOptions> = {}): Promise<DocResult> {
  const opts = { ...DEFAULT_DOC, ...options };
  let why: string;
  try {
    const doc = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const body = doc.getBody({ filterUnicode: false });
    // Tables and headings set in text boxes still belong to the report.
    const boxes = doc.getTextboxes({ filterUnicode: false, includeHeadersAndFooters: false });
    const text = bodyToText(boxes.trim() ? `${body}\n${boxes}` : body);
    if (text.trim()) {
      const read = readTextDocument(text);
      return { ...read, format: 'doc' };
    }
    why = '文件中没有文字（可能只有图片）';
  } catch (e) {
    why = (e as Error).message;
  }
  if (!opts.soffice) return { error: `无法读取 DOC 文件：${why}` };
  const converted = await convertToDocx(bytes, opts.sofficeTimeoutMs);
  if ('error' in converted) return { error: `无法读取 DOC 文件：${why}${converted.missing ? '' : `；LibreOffice 转换也失败：${converted.error}`}` };
  return converted;
}

/** Converts a Word file to DOCX with LibreOffice; `missing` when soffice is not installed. */
export async function convertToDocx(bytes: Uint8Array, timeoutMs = DEFAULT_DOC.sofficeTimeoutMs): Promise<{ convertedDocx: Uint8Array } | { error: string; missing: boolean }> {
  return withTempDir('doc', async (dir) => {
    const input = join(dir, 'in.doc');
    await writeFile(input, bytes);
    const out = join(dir, 'out');
    // A profile of its own: LibreOffice allows one running instance per profile.
    const profile = pathToFileURL(join(dir, 'profile')).href;
    const r = await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'docx', '--outdir', out, input], timeoutMs);
    if (r.error) return { error: r.error.message, missing: r.error.missing };
    const files = await readdir(out).catch(() => [] as string[]);
    const docx = files.find((f) => f.endsWith('.docx'));
    if (!docx) return { error: '未生成 DOCX', missing: false };
    return { convertedDocx: new Uint8Array(await readFile(join(out, docx))) };
  });
}
