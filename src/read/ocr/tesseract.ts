// Running Debian's tesseract and poppler command-line tools (through src/util/process.ts). They are
// external programs, so a hostile scan is bounded by their timeouts and by killing the process,
// not by trusting them.
import { run } from '../../util/process.ts';

export interface Word {
  text: string;
  /** Pixels. */
  left: number;
  top: number;
  width: number;
  height: number;
  /** 0–100; tesseract's word confidence. */
  conf: number;
  /** 1-based image of a list of images. */
  page: number;
  /** Tesseract's block / paragraph / line, one key per text line it found. */
  lineKey: string;
  /** The line's box, pixels. */
  lineTop: number;
  lineHeight: number;
}

export const TESSERACT_MISSING = 'OCR 不可用：未安装 tesseract（Debian：apt-get install tesseract-ocr tesseract-ocr-chi-sim）';
export const PDFTOPPM_MISSING = 'OCR 不可用：未安装 pdftoppm（Debian：apt-get install poppler-utils）';

export interface TesseractOptions {
  /** Page segmentation mode: 6 = one uniform block (tables keep their rows), 4 = columns, 11 = sparse. */
  psm: number;
  lang: string;
  timeoutMs: number;
  /** Extra `-c name=value` settings. */
  config: Record<string, string>;
}

export const DEFAULT_TESSERACT: TesseractOptions = {
  psm: 6,
  lang: 'chi_sim',
  timeoutMs: 120_000,
  config: {},
};

/** Tesseract's TSV: level 4 rows are lines, level 5 rows are words. */
export interface PageWords {
  words: Word[];
  /** The image's size, pixels. */
  width: number;
  height: number;
}

export function parseTsv(tsv: string): PageWords {
  const words: Word[] = [];
  let width = 0;
  let height = 0;
  const lineBox = new Map<string, { top: number; height: number }>();
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f.length < 12 || f[0] === 'level') continue;
    const level = f[0];
    if (level === '1') {
      width = +f[8];
      height = +f[9];
    }
    const key = `${f[1]}.${f[2]}.${f[3]}.${f[4]}`;
    if (level === '4') lineBox.set(key, { top: +f[7], height: +f[9] });
    if (level !== '5') continue;
    const text = f.slice(11).join('\t').trim();
    if (!text) continue;
    const box = lineBox.get(key);
    words.push({
      text,
      page: +f[1],
      left: +f[6],
      top: +f[7],
      width: +f[8],
      height: +f[9],
      conf: Math.max(0, +f[10]),
      lineKey: key,
      lineTop: box?.top ?? +f[7],
      lineHeight: box?.height ?? +f[9],
    });
  }
  return { words, width, height };
}

/** OCRs one image file; `{ missing }` when tesseract is not installed. */
export async function tesseractWords(image: string, opts: TesseractOptions, dpi?: number): Promise<PageWords | { error: string; missing: boolean }> {
  const args = [image, 'stdout', '-l', opts.lang, '--psm', String(opts.psm)];
  if (dpi) args.push('--dpi', String(dpi));
  for (const [k, v] of Object.entries(opts.config)) args.push('-c', `${k}=${v}`);
  args.push('tsv');
  // Several pages run side by side; tesseract's own threads would only contend with them.
  const r = await run('tesseract', args, opts.timeoutMs, { ...process.env, OMP_THREAD_LIMIT: '1' });
  if (r.error) return { error: r.error.missing ? TESSERACT_MISSING : `OCR 失败：${r.error.message}`, missing: r.error.missing };
  return parseTsv(r.stdout);
}

export const CHI_SIM_MISSING = 'OCR 不可用：未安装 tesseract 中文识别数据（Debian：apt-get install tesseract-ocr-chi-sim）';

/** Languages found per PATH, so a read costs one check, not one per page. */
const langsByPath = new Map<string, Promise<string[] | null>>();

/** Null when tesseract and the languages it needs are installed; else the message saying what to install. */
export async function tesseractMissing(langs: string[]): Promise<string | null> {
  const path = process.env.PATH ?? '';
  let found = langsByPath.get(path);
  if (!found) {
    found = run('tesseract', ['--list-langs'], 10_000).then((r) => (r.error ? null : r.stdout.split('\n').map((l) => l.trim())));
    langsByPath.set(path, found);
  }
  const have = await found;
  if (!have) {
    langsByPath.delete(path);
    return TESSERACT_MISSING;
  }
  for (const l of langs) if (!have.includes(l)) return l === 'chi_sim' ? CHI_SIM_MISSING : `OCR 不可用：未安装 tesseract 识别数据 ${l}`;
  return null;
}
