// The PDF writer: every corpus report and random models (2021 and 2019) written as PDF read back by
// the project's own PDF reader to the same model; the file itself (fonts embedded, A4, page numbers
// `— N —`, table text on the lines of its rows, tables broken between rows, appendices on a new
// page); and the one clear message when the fonts are missing.
//
// Each run takes a new base seed (printed in the test names); replay with XXGK_SEED and
// XXGK_PROPERTY_RUNS. XXGK_PROPERTY_RUNS sets the number of random models (default 1000).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readBytes } from '../src/engine.ts';
import { mapDocument } from '../src/map/index.ts';
import type { Report } from '../src/model/report.ts';
import { readPdfDocument } from '../src/read/pdf/index.ts';
import { toSimplified } from '../src/util/chinese.ts';
import type { Grid } from '../src/write/grid.ts';
import { FONT_DIRS_ENV, PdfFontError, toPdf } from '../src/write/pdf.ts';
import { randomReport } from './generate.ts';
import { CORPUS_REPORTS, corpusReports, differences } from './roundtrip.ts';
import { tempDir } from './shared.ts';

const RUNS = Number(process.env.XXGK_PROPERTY_RUNS ?? 1000);
const BASE = Number(process.env.XXGK_SEED ?? Math.floor(Math.random() * 1e9));
const versionOf = (seed: number) => (seed % 4 === 3 ? '2019' : '2021');
const dir = tempDir('pdf');

const has = (cmd: string) => spawnSync(cmd, ['-v'], { stdio: 'ignore' }).error === undefined;
const poppler = has('pdftotext') && has('pdffonts');
const skipPoppler = poppler ? false : 'poppler-utils (pdftotext, pdffonts) is not installed';

/** What readBytes does with a PDF, in this thread: pdf.js text → rows → Traditional to Simplified → mapper. */
async function readInProcess(bytes: Uint8Array): Promise<Report> {
  const doc = await readPdfDocument(bytes);
  if ('error' in doc) assert.fail(doc.error);
  for (const row of doc.rows) for (const c of row.cells) c.text = toSimplified(c.text);
  return mapDocument(doc, 'x.pdf').report;
}

/** The text of each page as pdf.js gives it: the lines the reader starts from. */
async function pageTexts(bytes: Uint8Array): Promise<{ view: number[]; text: string }[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const out: { view: number[]; text: string }[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    // One line per text item; pdf.js's whitespace items between runs left out.
    out.push({ view: page.view, text: content.items.map((i) => ('str' in i ? i.str : '')).filter((s) => s.trim() !== '').join('\n') });
  }
  await doc.destroy();
  return out;
}

function save(name: string, bytes: Uint8Array): string {
  const f = join(dir, name);
  writeFileSync(f, bytes);
  return f;
}

test('every corpus report (5 seeds, and 2 real PDFs as read where the evaluation corpus is) written as PDF reads back with readBytes to the same model', async () => {
  const corpus = await corpusReports();
  assert.equal(corpus.length, CORPUS_REPORTS);
  for (const { name, report } of corpus) {
    const pdf = await toPdf(report);
    const got = await readBytes(pdf, 'x.pdf');
    if (!got.ok) assert.fail(`${name}: ${got.error}`);
    assert.equal(got.source.document.format, 'pdf');
    assert.deepEqual(differences(got.report, report), [], name);
  }
});

test(`${RUNS} random models, 2021 and 2019 (base seed ${BASE}), written as PDF read back to the same model`, async () => {
  const versions = { '2021': 0, '2019': 0 };
  for (let i = 0; i < RUNS; i++) {
    const seed = BASE + i;
    const want = randomReport(seed, versionOf(seed));
    versions[want.template]++;
    const pdf = await toPdf(want);
    const diff = differences(await readInProcess(pdf), want);
    if (diff.length) {
      const f = save(`seed-${seed}.pdf`, pdf);
      assert.fail(`seed ${seed} (${want.template}; replay: XXGK_SEED=${seed} XXGK_PROPERTY_RUNS=1; written to ${f}):\n${diff.slice(0, 10).join('\n')}`);
    }
  }
  if (RUNS >= 8) assert.ok(versions['2021'] > 0 && versions['2019'] > 0, 'both formats ran');
});

test('a random model through the reader worker (readBytes) reads as it does in-process', async () => {
  for (const seed of [BASE + RUNS, BASE + RUNS + 3]) {
    const want = randomReport(seed, versionOf(seed));
    const got = await readBytes(await toPdf(want), 'x.pdf');
    if (!got.ok) assert.fail(got.error);
    assert.deepEqual(differences(got.report, want), [], `seed ${seed}`);
  }
});

test('the PDF embeds its three fonts as subsets with a ToUnicode map', { skip: skipPoppler }, async () => {
  const f = save('fonts.pdf', await toPdf(randomReport(BASE, '2021')));
  const lines = execFileSync('pdffonts', [f], { encoding: 'utf8' }).trim().split('\n').slice(2);
  const fonts = lines.map((l) => {
    const [name, ...rest] = l.trim().split(/\s+/);
    const [emb, sub, uni] = rest.slice(-5, -2);
    return { name: name.replace(/^[A-Z]{6}\+/, ''), emb, sub, uni };
  });
  assert.deepEqual(fonts.map((x) => x.name).sort(), ['NotoSansCJKsc-Regular', 'NotoSerifCJKsc-Bold', 'NotoSerifCJKsc-Regular']);
  for (const x of fonts) assert.deepEqual([x.emb, x.sub, x.uni], ['yes', 'yes', 'yes'], x.name);
});

test('every page is A4 and numbered — N — at its foot (pdftotext)', async () => {
  const pdf = await toPdf(randomReport(BASE + 1, '2021'));
  const pages = await pageTexts(pdf);
  assert.ok(pages.length >= 3, `${pages.length} pages`);
  for (const p of pages) {
    assert.ok(Math.abs(p.view[2] - p.view[0] - 595.28) < 0.5 && Math.abs(p.view[3] - p.view[1] - 841.89) < 0.5, `page size ${p.view}`);
  }
  if (!poppler) return;
  const f = save('numbers.pdf', pdf);
  // In content-stream order (-raw) the number reads exactly `— N —`; poppler's default reading
  // order drops the spaces beside the em dashes (`—1—`), which it sets like CJK punctuation.
  const raw = execFileSync('pdftotext', ['-raw', f, '-'], { encoding: 'utf8' }).split('\f').slice(0, pages.length);
  raw.forEach((t, i) => assert.ok(t.split('\n').includes(`— ${i + 1} —`), `page ${i + 1}: — ${i + 1} —`));
  const plain = execFileSync('pdftotext', [f, '-'], { encoding: 'utf8' }).split('\f').slice(0, pages.length);
  plain.forEach((t, i) => assert.match(t, new RegExp(`(^|\\n)\\s*—\\s*${i + 1}\\s*—\\s*(\\n|$)`), `page ${i + 1}`));
  // pdf.js, which the project's reader uses, has it too.
  pages.forEach((p, i) => assert.ok(p.text.split('\n').includes(`— ${i + 1} —`), `pdf.js page ${i + 1}`));
});

test('pdftotext -layout puts every table label on the line of its values', { skip: skipPoppler }, async () => {
  const r = randomReport(BASE + 2, '2021');
  r.active.licensing = { decisions: 4321 };
  r.applications.received = { naturalPerson: 11, commercialEnterprise: 12, researchInstitution: 13, socialWelfareOrg: 14, legalServiceOrg: 15, otherOrg: 16, total: 81 };
  const text = execFileSync('pdftotext', ['-layout', save('layout.pdf', await toPdf(r)), '-'], { encoding: 'utf8' });
  const lines = text.split('\n');
  const lineOf = (label: string) => lines.find((l) => l.includes(label)) ?? '';
  assert.match(lineOf('行政许可'), /行政许可\s+4321\s*$/);
  assert.match(lineOf('一、本年新收政府信息公开申请数量'), /数量\s+11\s+12\s+13\s+14\s+15\s+16\s+81\s*$/);
  // Section 四: the fifteen numbers on one line, in the template's order.
  const g = (k: 'reconsideration' | 'litigationDirect' | 'litigationAfterReconsideration') => ['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => String((r.reviews[k] as Record<string, number>)[c]));
  const reviews = [...g('reconsideration'), ...g('litigationDirect'), ...g('litigationAfterReconsideration')];
  assert.ok(lines.some((l) => l.trim().split(/\s+/).join(' ') === reviews.join(' ')), `a line reads ${reviews.join(' ')}`);
});

/** An appendix table of `n` departments: taller than a page when n is large. */
function departments(n: number): Grid {
  const rows = [[{ text: '部门', header: 'col' as const }, { text: '本年新收申请', header: 'col' as const }, { text: '结转下年度', header: 'col' as const }]];
  for (let i = 1; i <= n; i++) rows.push([{ text: `第${i}部门`, header: 'row' as const }, { text: String(i * 7) }, { text: String(i % 5) }] as never);
  return { section: null, id: 'departments', caption: '各部门收到和处理政府信息公开申请情况', width: 3, rows };
}

test('appendices follow section 六 on a new page; a table taller than a page breaks between rows', async () => {
  const report = randomReport(BASE + 4, '2021');
  const pdf = await toPdf(report, { appendices: [{ heading: '附件1', text: '各部门情况如下。', grids: [departments(60)] }] });
  const pages = await pageTexts(pdf);
  const six = pages.findIndex((p) => p.text.includes('六、其他需要报告的事项'));
  const first = pages.findIndex((p) => p.text.includes('附件1'));
  assert.ok(six >= 0 && first === six + 1, `section 六 on page ${six + 1}, appendix on page ${first + 1}`);
  assert.ok(pages[first].text.startsWith('附件1') || pages[first].text.split('\n').some((l) => l === '附件1'));
  // Every row once, each on a single page with its numbers, over more than one page.
  const rowPages = new Set<number>();
  for (let i = 1; i <= 60; i++) {
    const on = pages.map((p, k) => (p.text.split('\n').includes(`第${i}部门`) ? k : -1)).filter((k) => k >= 0);
    assert.equal(on.length, 1, `第${i}部门 printed once`);
    const lines = pages[on[0]].text.split('\n');
    const at = lines.indexOf(`第${i}部门`);
    assert.deepEqual(lines.slice(at + 1, at + 3), [String(i * 7), String(i % 5)], `第${i}部门's values on its page`);
    rowPages.add(on[0]);
  }
  assert.ok(rowPages.size >= 2, 'the 60-row table spans pages');
  // The report itself still reads back.
  const got = await readBytes(pdf, 'x.pdf');
  if (!got.ok) assert.fail(got.error);
  assert.equal(got.report.applications.received.total, report.applications.received.total);
});

test('an appendix table too wide for a portrait page is set on landscape A4 pages', async () => {
  const width = 18;
  const rows = [[{ text: '单位', header: 'col' as const }, ...Array.from({ length: width - 1 }, (_, j) => ({ text: `第${j + 1}项数据`, header: 'col' as const }))]];
  for (let i = 1; i <= 5; i++) rows.push([{ text: `第${i}部门`, header: 'row' as const }, ...Array.from({ length: width - 1 }, (_, j) => ({ text: String(1000 * i + j) }))] as never);
  const pdf = await toPdf(randomReport(BASE + 5, '2021'), { appendices: [{ heading: '附件', grids: [{ section: null, id: 'wide', caption: '各单位数据', width, rows }] }] });
  const pages = await pageTexts(pdf);
  const at = pages.findIndex((p) => p.text.includes('第1部门'));
  assert.ok(at > 0);
  const [x0, y0, x1, y1] = pages[at].view;
  assert.ok(Math.abs(x1 - x0 - 841.89) < 0.5 && Math.abs(y1 - y0 - 595.28) < 0.5, `landscape A4: ${pages[at].view}`);
  assert.ok(pages[at].text.split('\n').includes('5016'), 'the last number of the last row is on the page');
});

test('poppler renders every page without a complaint about the embedded fonts', { skip: skipPoppler }, async () => {
  const f = save('render.pdf', await toPdf(randomReport(BASE + 6, '2019')));
  const run = spawnSync('pdftoppm', ['-r', '20', '-png', f, join(dir, 'render')], { encoding: 'utf8' });
  assert.equal(run.status, 0);
  assert.equal(run.stderr.trim(), '');
});

test('missing fonts: one Chinese message naming fonts-noto-cjk, from toPdf and from the CLI', async () => {
  const empty = tempDir('nofonts');
  const saved = process.env[FONT_DIRS_ENV];
  process.env[FONT_DIRS_ENV] = empty;
  try {
    await assert.rejects(toPdf(randomReport(BASE, '2021')), (e: Error) => {
      assert.ok(e instanceof PdfFontError);
      assert.match(e.message, /中文字体/);
      assert.match(e.message, /fonts-noto-cjk/);
      assert.match(e.message, /Noto Serif CJK SC/);
      return true;
    });
  } finally {
    if (saved === undefined) delete process.env[FONT_DIRS_ENV];
    else process.env[FONT_DIRS_ENV] = saved;
  }
  // Fonts found again once the lookup is the system's.
  assert.ok((await toPdf(randomReport(BASE, '2021'))).length > 1000);
  // The CLI prints the message on one line, no stack trace.
  const model = join(empty, 'model.json');
  writeFileSync(model, JSON.stringify(randomReport(BASE, '2021')));
  const bin = join(import.meta.dirname, '..', 'bin', 'xxgk.js');
  const run = spawnSync(process.execPath, [bin, 'render', model, '-o', join(empty, 'out.pdf')], { encoding: 'utf8', env: { ...process.env, [FONT_DIRS_ENV]: empty }, timeout: 60_000 });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /fonts-noto-cjk/);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
});
