// Realistic variants of the project's seed reports (examples/), as real pages and files carry
// them: a CMS's one-line HTML fragment, a Traditional-character mirror with pinyin, a Big5 page…
// Each variant must read to the same cells as the plain seed does.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readText, type ReadOutcome } from '../src/engine.ts';
import { getCell } from '../src/model/paths.ts';
import type { Report } from '../src/model/report.ts';
import { cellsOf, templateFor } from '../src/template/index.ts';
import { toHtml } from '../src/write/html.ts';

const examples = join(import.meta.dirname, '..', 'examples');
export const seedFiles = readdirSync(examples).filter((f) => f.startsWith('seed-') && f.endsWith('.txt'));
export const seedText = (f: string) => readFileSync(join(examples, f), 'utf8');

export function ok(r: ReadOutcome) {
  if (!r.ok) assert.fail(r.error);
  return r;
}

/** The seed as the text reader reads it: what every variant must give back. */
export const seedReport = (f: string): Report => ok(readText(seedText(f), f)).report;

/** Every cell of `got` equals the seed's (but those of the rows `skip`), and the seed has enough non-empty cells to tell. */
export function sameCells(got: Report, want: Report, context = '', skip: string[] = []) {
  let filled = 0;
  for (const c of cellsOf(templateFor(want.template))) {
    if (skip.some((row) => c.path.startsWith(`${row}.`))) continue;
    const w = getCell(want, c.path) ?? null;
    assert.equal(getCell(got, c.path) ?? null, w, `${context} ${c.path}`);
    if (w !== null) filled++;
  }
  assert.ok(filled >= 40, `only ${filled} cells compared`);
}

/** The body of the project's HTML writer's page for the seed, with no envelope, on one line (as a portal's CMS stores it). */
export function htmlFragment(report: Report): string {
  const page = toHtml(report);
  return /<main>([\s\S]*)<\/main>/.exec(page)![1].replace(/\n/g, '');
}

/** A whole page around the fragment, declaring `charset` (none: no declaration at all). */
export function page(fragment: string, charset: string | null): string {
  const meta = charset ? `<meta http-equiv="Content-Type" content="text/html; charset=${charset}">\n` : '';
  return `<!DOCTYPE html>\n<html>\n<head>\n${meta}<title>年度报告</title>\n</head>\n<body>\n<div class="content">${fragment}</div>\n</body>\n</html>\n`;
}

let toTw: ((s: string) => string) | null = null;
/** Simplified → Traditional (Taiwan), as a Traditional-character mirror site prints a report. */
export async function traditional(text: string): Promise<string> {
  const convert = toTw ?? (await import('opencc-js')).Converter({ from: 'cn', to: 'tw' });
  toTw = convert;
  return convert(text);
}

/** Pinyin of characters that labels and headings use, with their tones, as mirror sites print it. */
const PINYIN: Record<string, string> = {
  區: 'qū', 項: 'xiàng', 處: 'chù', 數: 'shù', 決: 'jué', 規: 'guī', 範: 'fàn', 申: 'shēn', 請: 'qǐng', 復: 'fù',
  議: 'yì', 訟: 'sòng', 政: 'zhèng', 開: 'kāi', 務: 'wù', 辦: 'bàn', 理: 'lǐ', 條: 'tiáo', 許: 'xǔ', 強: 'qiáng',
  費: 'fèi', 結: 'jié', 總: 'zǒng', 計: 'jì', 訴: 'sù', 維: 'wéi', 糾: 'jiū', 錯: 'cuò', 訊: 'xùn', 獲: 'huò',
};

/** Traditional text with the pinyin of some characters printed after them: `區(qū)`, `數(shù)量`. */
export function withPinyin(text: string, every = 1): string {
  let n = 0;
  return text.replace(/[\u4e00-\u9fff]/g, (ch) => (PINYIN[ch] && n++ % every === 0 ? `${ch}(${PINYIN[ch]})` : ch));
}
