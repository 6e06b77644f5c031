// The DOCX writer (src/write/docx.ts): written reports read back to the same model (the corpus and
// random reports, by the project's own reader), the tables are the official template's cell for
// cell, LibreOffice lays them out with every label and value in its place (read back through
// pdftotext), and the page follows GB/T 9704.
//
// Each run takes a new base seed (printed in the test name); replay a failure with the
// XXGK_SEED and XXGK_PROPERTY_RUNS=1 its message gives. XXGK_PROPERTY_RUNS sets the number of reports.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ChildNode, Element } from 'domhandler';
import { strFromU8, unzipSync } from 'fflate';
import { parseDocument } from 'htmlparser2';
import { readBytes, readText } from '../src/engine.ts';
import { blankReport } from '../src/model/blank.ts';
import { setCell } from '../src/model/paths.ts';
import type { Report } from '../src/model/report.ts';
import { documentBody } from '../src/read/docx/index.ts';
import { sniff } from '../src/read/sniff.ts';
import { cellsOf, templateFor, type TemplateVersion } from '../src/template/index.ts';
import { forgetPreparedTables, toDocx } from '../src/write/docx.ts';
import { gridsOf, sectionsOf, titleOf, type Grid } from '../src/write/grid.ts';
import { randomReport } from './generate.ts';
import { CORPUS_REPORTS, corpusReports, differences } from './roundtrip.ts';
import { EXAMPLES, seedNames, sharedPath, sharedSkip, tempDir } from './shared.ts';

const RUNS = Number(process.env.XXGK_PROPERTY_RUNS ?? 1000);
const BASE = Number(process.env.XXGK_SEED ?? Math.floor(Math.random() * 1e9));
/** One report in three is in the 2019 format. */
const versionOf = (seed: number): TemplateVersion => (seed % 3 === 2 ? '2019' : '2021');
const replay = (seed: number) => `XXGK_SEED=${seed} XXGK_PROPERTY_RUNS=1`;
/** The official blank template (in the evaluation corpus). */
const TEMPLATE = sharedPath('spec', 'official', 'template-2021-blank.docx');
const seedDir = EXAMPLES;
const seedModel = (f: string): Report => {
  const r = readText(readFileSync(join(seedDir, f), 'utf8'), f);
  if (!r.ok) throw new Error(`${f}: ${r.error}`);
  return r.report;
};
const firstSeed = seedNames[0];

async function roundTrip(report: Report, where: string): Promise<void> {
  const bytes = await toDocx(report);
  assert.equal(sniff(bytes).kind, 'docx', `${where}: sniffed as DOCX`);
  const back = await readBytes(bytes, `${where}.docx`);
  if (!back.ok) assert.fail(`${where}: not read: ${back.error}`);
  assert.equal(back.source.document.format, 'docx');
  assert.deepEqual(differences(back.report, report), [], where);
}

// ---------------------------------------------------------------- a. round trips

test('every corpus report (seeds and real PDFs, as read) → DOCX → readBytes: the same model', async () => {
  const corpus = await corpusReports();
  assert.equal(corpus.length, CORPUS_REPORTS);
  for (const { name, report } of corpus) await roundTrip(report, name);
});

test(`${RUNS} random reports, 2021 and 2019 (base seed ${BASE}) → DOCX → readBytes: the same model`, async () => {
  const versions = new Set<string>();
  for (let i = 0; i < RUNS; i++) {
    const seed = BASE + i;
    const report = randomReport(seed, versionOf(seed));
    versions.add(report.template);
    await roundTrip(report, `random report ${i} (${report.template}), ${replay(seed)}`);
  }
  if (RUNS >= 3) assert.deepEqual([...versions].sort(), ['2019', '2021']);
});

test('tables prepared once per shape: a report written after others is byte for byte the one written afresh', async () => {
  const reports = [blankReport('2021'), randomReport(BASE, '2021'), randomReport(BASE + 1, '2019'), blankReport('2019'), randomReport(BASE + 2, '2021')];
  const after: string[] = [];
  for (const r of reports) after.push(documentXml(await toDocx(r)));
  for (const [i, r] of reports.entries()) {
    forgetPreparedTables();
    assert.equal(documentXml(await toDocx(r)), after[i], `report ${i}`);
  }
  // A blank report's value cells are empty paragraphs, with no run.
  const blank = tablesOf(after[0]);
  assert.ok(blank.every((t) => t.rows.every((r) => r.every((c) => !NUMBER.test(c.text)))));
  assert.doesNotMatch(after[0], /<w:t xml:space="preserve"><\/w:t>/);
});

test('appendices come after section 六 on a new page, set like the official tables; the report still reads back', async () => {
  const report = randomReport(BASE, '2021');
  const dept = randomReport(BASE + 1, '2021');
  const grids = gridsOf(dept).map((g) => ({ ...g, section: null }));
  const bytes = await toDocx(report, { appendices: [{ heading: '附件：某部门分项数据', text: '以下为某部门的分项数据。', grids }] });
  const xml = documentXml(bytes);
  const at = xml.indexOf('附件：某部门分项数据');
  assert.ok(at > xml.indexOf(sectionsOf(report)[5].heading), 'after section 六');
  assert.match(xml.slice(xml.lastIndexOf('<w:p>', at), at), /<w:pageBreakBefore\/>/);
  // The main tables as the template has them (3), then the appendix's: section 二's as one table, 三, 四.
  assert.equal(tablesOf(xml).length, 6);
  const back = await readBytes(bytes, 'appendix.docx');
  if (!back.ok) assert.fail(back.error);
  // The reader has no notion of 附件: the appendix is read as more text of section 六. Everything else is equal.
  const diffs = differences(back.report, report).filter((d) => !d.startsWith('sections[6].text'));
  assert.deepEqual(diffs, []);
  assert.ok(back.report.sections.find((s) => s.no === 6)?.text.startsWith(report.sections.find((s) => s.no === 6)!.text.split('\n')[0]));
});

/** A report whose texts hold what XML cannot (control characters, a lone surrogate) and what it must escape. */
function hostile(): Report {
  const r = randomReport(BASE, '2021');
  const s1 = r.sections.find((s) => s.no === 1)!;
  s1.text = `${s1.text}\n含有特殊字符 A&B <c> "q" 'x'\u0001\u000b\ud800 制表\t符。`;
  return r;
}
const HOSTILE_PRINTED = `含有特殊字符A&B<c>"q"'x'制表符。`;

test('text XML cannot hold is dropped, markup characters are escaped: the DOCX is well-formed and reads back', async () => {
  const report = hostile();
  const bytes = await toDocx(report);
  const xml = documentXml(bytes);
  assert.doesNotMatch(xml, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  assert.doesNotMatch(xml, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  const back = await readBytes(bytes, 'hostile.docx');
  if (!back.ok) assert.fail(back.error);
  const text = back.report.sections.find((s) => s.no === 1)!.text;
  assert.ok(squeeze(text).includes(HOSTILE_PRINTED), text.slice(-80));
  assert.deepEqual(differences(back.report, report).filter((d) => !d.startsWith('sections[1].text')), []);
});

// ---------------------------------------------------------------- b. the official template, cell for cell

interface Cell {
  text: string;
  gridSpan: number;
  vMerge: 'restart' | 'continue' | null;
}
interface ParsedTable {
  grid: number[];
  rows: Cell[][];
}

const isElement = (n: ChildNode): n is Element => n.type === 'tag';
const children = (n: Element, name: string) => n.children.filter((c): c is Element => isElement(c) && c.name === name);
const child = (n: Element | undefined, name: string) => (n ? children(n, name)[0] : undefined);
function textOf(n: ChildNode): string {
  if (!isElement(n)) return '';
  if (n.name === 'w:t') return n.children.map((c) => (c.type === 'text' ? (c as unknown as { data: string }).data : '')).join('');
  return n.children.map(textOf).join('');
}
/** White space (and the ideographic space the template fills blank cells with) removed. */
const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '');

function documentXml(bytes: Uint8Array): string {
  return strFromU8(unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml']);
}
function part(bytes: Uint8Array, name: string): string {
  const f = unzipSync(bytes, { filter: (x) => x.name === name })[name];
  assert.ok(f, `${name} in the package`);
  return strFromU8(f);
}

/** The body's tables, each as rows of {text, gridSpan, vMerge}, and its w:tblGrid widths. */
function tablesOf(xml: string): ParsedTable[] {
  const body = documentBody(xml);
  assert.ok(body, 'w:body');
  return children(body, 'w:tbl').map((tbl) => ({
    grid: children(child(tbl, 'w:tblgrid')!, 'w:gridcol').map((g) => Number(g.attribs['w:w'])),
    rows: children(tbl, 'w:tr').map((tr) =>
      children(tr, 'w:tc').map((tc) => {
        const pr = child(tc, 'w:tcpr');
        const span = child(pr, 'w:gridspan');
        const merge = child(pr, 'w:vmerge');
        return {
          text: squeeze(textOf(tc)),
          gridSpan: span ? Number(span.attribs['w:val']) : 1,
          vMerge: merge ? (merge.attribs['w:val'] === 'restart' ? 'restart' : 'continue') : null,
        };
      }),
    ),
  }));
}

const NUMBER = /^-?\d+(\.\d+)?$/;

test('the tables of a written 2021 report are the official template’s: merges, widths, labels; its blanks are our values', { skip: sharedSkip }, async () => {
  const want = tablesOf(documentXml(new Uint8Array(readFileSync(TEMPLATE))));
  const report = randomReport(BASE, '2021');
  const got = tablesOf(documentXml(await toDocx(report)));
  assert.equal(want.length, 3, 'the template has three tables');
  assert.equal(got.length, want.length, 'number of tables');
  let labels = 0;
  let values = 0;
  want.forEach((w, t) => {
    const g = got[t];
    assert.deepEqual(g.grid, w.grid, `table ${t + 1}: column widths (w:tblGrid)`);
    assert.equal(g.rows.length, w.rows.length, `table ${t + 1}: rows`);
    w.rows.forEach((wr, r) => {
      const where = `table ${t + 1} row ${r + 1}`;
      assert.deepEqual(
        g.rows[r].map((c) => [c.gridSpan, c.vMerge]),
        wr.map((c) => [c.gridSpan, c.vMerge]),
        `${where}: merge pattern`,
      );
      wr.forEach((wc, k) => {
        const gc = g.rows[r][k];
        if (wc.text !== '') {
          assert.equal(gc.text, wc.text, `${where} cell ${k + 1}: label`);
          labels++;
        } else if (wc.vMerge === 'continue') assert.equal(gc.text, '', `${where} cell ${k + 1}: merged`);
        else {
          // A blank cell of the template is a value cell here (every value of a random report is set).
          assert.match(gc.text, NUMBER, `${where} cell ${k + 1}: value`);
          values++;
        }
      });
    });
  });
  // Every value of the model is in one of those cells.
  const cells = gridsOf(report).flatMap((g) => g.rows.flat());
  assert.equal(values, cells.filter((c) => c.path).length, 'value cells');
  assert.equal(labels, cells.filter((c) => c.header).length, 'label cells');
});

test('a 2019 report has the same three tables, its labels and merges from gridsOf, widths from the template', { skip: sharedSkip }, async () => {
  const report = randomReport(BASE, '2019');
  const tables = tablesOf(documentXml(await toDocx(report)));
  const template = tablesOf(documentXml(new Uint8Array(readFileSync(TEMPLATE))));
  assert.equal(tables.length, 3);
  const grids = gridsOf(report);
  const active = grids.filter((g) => g.section === 2);
  // Section 二's tables are one Word table, row for row.
  assert.equal(tables[0].rows.length, active.reduce((n, g) => n + g.rows.length, 0));
  const texts = (gs: Grid[]) => gs.flatMap((g) => g.rows.flatMap((r) => r.filter((c) => c.header).map((c) => squeeze(c.text))));
  const printed = (t: ParsedTable) => t.rows.flatMap((r) => r.map((c) => c.text)).filter((x) => x !== '' && !NUMBER.test(x));
  assert.deepEqual(printed(tables[0]), texts(active));
  assert.deepEqual(printed(tables[1]), texts(grids.filter((g) => g.id === 'applications')));
  assert.deepEqual(printed(tables[2]), texts(grids.filter((g) => g.id === 'reviews')));
  tables.forEach((t, i) => {
    assert.deepEqual(t.grid, template[i].grid, `table ${i + 1}: widths`);
    // Every row covers the whole grid.
    for (const r of t.rows) assert.equal(r.reduce((n, c) => n + c.gridSpan, 0), t.grid.length, `table ${i + 1}: row width`);
  });
});

// ---------------------------------------------------------------- c. read independently: LibreOffice → PDF → pdftotext

const has = (cmd: string, arg: string) => {
  try {
    execFileSync(cmd, [arg], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
};
const tools = has('soffice', '--version') && has('pdftotext', '-v');
const loSkip = tools ? false : 'LibreOffice (soffice) or pdftotext is not installed';

/** A report with six- and seven-digit numbers in every cell: set smaller, they still print on one line. */
function large(): Report {
  const r = randomReport(BASE + 2, '2021');
  cellsOf(templateFor('2021')).forEach((c, i) => setCell(r, c.path, c.path.startsWith('active.fees') ? 12345678.1234 : 100000 + ((i * 7919 * 131) % 9900000)));
  return r;
}

/** Tokens of a text, and where each starts in the text with white space removed. */
function tokens(text: string): { list: string[]; starts: number[]; squeezed: string } {
  const list = text.split(/[\s\u3000]+/).filter(Boolean);
  const starts: number[] = [];
  let at = 0;
  for (const t of list) {
    starts.push(at);
    at += t.length;
  }
  return { list, starts, squeezed: list.join('') };
}

/**
 * In content order (pdftotext -raw), every label of every grid row is printed in order, and each
 * value row's label — or, for a row without one, the header above it — is followed by its values.
 */
function checkRaw(raw: string, report: Report, where: string) {
  const tk = tokens(raw);
  let cursor = 0;
  const findFrom = (s: string, what: string) => {
    const at = tk.squeezed.indexOf(s, cursor);
    assert.ok(at >= 0, `${where}: ${what} «${s}» not printed after offset ${cursor}`);
    cursor = at + s.length;
  };
  findFrom(squeeze(titleOf(report)), 'title');
  const grids = gridsOf(report);
  for (const s of sectionsOf(report)) {
    findFrom(squeeze(s.heading), 'heading');
    for (const g of grids.filter((x) => x.section === s.no)) {
      for (const row of g.rows) {
        for (const c of row.filter((x) => x.header)) findFrom(squeeze(c.text), `${g.id} label`);
        const vals = row.filter((c) => c.path && c.text !== '').map((c) => c.text);
        if (!vals.length) continue;
        // The values are the very next tokens.
        const k = tk.starts.indexOf(cursor);
        assert.ok(k >= 0, `${where}: ${g.id} row «${row[0].text}» label does not end a token`);
        assert.deepEqual(tk.list.slice(k, k + vals.length), vals, `${where}: ${g.id} row «${row.find((c) => c.header)?.text ?? '(values)'}»`);
        cursor = tk.starts[k + vals.length - 1] + vals[vals.length - 1].length;
      }
    }
  }
}

/** In the page layout (pdftotext -layout), the line(s) of each row label hold the row's values, in order. */
function checkLayout(layout: string, report: Report, where: string) {
  const lines = layout.split('\n');
  const numbers = (line: string) => line.split(/\s+/).filter((t) => NUMBER.test(t));
  let at = 0;
  let rowsChecked = 0;
  for (const g of gridsOf(report)) {
    for (const row of g.rows) {
      const vals = row.filter((c) => c.path && c.text !== '').map((c) => c.text);
      if (!vals.length) continue;
      const labels = row.filter((c) => c.header === 'row');
      const label = labels.length ? squeeze(labels[labels.length - 1].text) : null;
      let i = at;
      if (label) {
        // The label's first characters start its cell's first line (a long label wraps).
        const head = label.slice(0, 6);
        while (i < lines.length && !squeeze(lines[i]).includes(head)) i++;
        assert.ok(i < lines.length, `${where}: ${g.id} row label «${label}» not on any line after line ${at + 1}`);
      }
      // Values are centred down the row: on the label's line or a line or two below it.
      const window = label ? lines.slice(Math.max(0, i - 1), i + 4) : lines.slice(i);
      const hit = window.findIndex((l) => numbers(l).join(' ') === vals.join(' '));
      assert.ok(hit >= 0, `${where}: ${g.id} row «${label ?? '(values)'}»: no line holds ${vals.join(' ')} near line ${i + 1}:\n${window.slice(0, 5).join('\n')}`);
      at = label ? i + 1 : i + hit + 1;
      rowsChecked++;
    }
  }
  assert.ok(rowsChecked >= 30, `${where}: ${rowsChecked} rows checked`);
}

test('a label merged down a few rows keeps them on one page: every paragraph of its rows but the last keeps with the next', async () => {
  const xml = documentXml(await toDocx(randomReport(BASE + 7, '2021')));
  const rows = xml.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
  const keeps = (r: string) => (r.match(/<w:p>/g) ?? []).length > 0 && (r.match(/<w:p>/g) ?? []).length === (r.match(/<w:keepNext\/>/g) ?? []).length;
  const at = rows.findIndex((r) => squeeze(r.replace(/<[^>]+>/g, '')).includes('（五）不予处理'));
  assert.ok(at >= 0, 'the （五）不予处理 row');
  // Its five rows (1.信访举报投诉类申请 … 5.其他): the first four keep with the next, the fifth does not.
  assert.deepEqual(rows.slice(at, at + 5).map(keeps), [true, true, true, true, false]);
  assert.ok(!rows.slice(at, at + 5).at(-1)!.includes('<w:keepNext/>'));
  // The label of the whole outcome block (三、本年度办理结果, 20-odd rows) is no such group.
  const total = rows.findIndex((r) => squeeze(r.replace(/<[^>]+>/g, '')).includes('（七）总计'));
  assert.ok(total > at && !rows[total].includes('<w:keepNext/>') && !rows[total - 1].includes('<w:keepNext/>'));
});

test('LibreOffice opens the DOCX of a seed and of random reports: every label and value in its place (pdftotext)', { skip: loSkip }, async () => {
  const dir = tempDir('docx');
  after(() => rmSync(dir, { recursive: true, force: true }));
  const models: { name: string; report: Report }[] = [
    { name: 'seed', report: seedModel(firstSeed) },
    { name: 'random-2021', report: randomReport(BASE, '2021') },
    { name: 'random-2019', report: randomReport(BASE + 1, '2019') },
    { name: 'large', report: large() },
  ];
  // Known, open: with a preamble the tables move down, and where LibreOffice breaks a page inside a
  // vertically merged label of section 三 (（五）不予处理 over its five rows) the label is printed away
  // from its rows (base seeds 33, 88, 712534399). The writer keeps such groups together for Word
  // (keepNext on their rows, tested above), which LibreOffice 7.4 does not honour in table rows; so
  // this layout check runs on the reports without their preamble; the preamble's round trip is
  // tested by the 1,000 random reports above.
  for (const m of models) m.report.preamble = null;
  for (const m of [...models, { name: 'hostile', report: hostile() }]) writeFileSync(join(dir, `${m.name}.docx`), await toDocx(m.report));
  // A profile of its own, so that a LibreOffice open elsewhere does not take the conversion.
  const profile = `-env:UserInstallation=file://${join(dir, 'profile')}`;
  const names = [...models.map((m) => m.name), 'hostile'];
  execFileSync('soffice', [profile, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...names.map((n) => join(dir, `${n}.docx`))], { stdio: 'ignore', timeout: 180_000 });
  const hostileText = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', join(dir, 'hostile.pdf'), '-'], { encoding: 'utf8' });
  assert.ok(squeeze(hostileText).includes(HOSTILE_PRINTED), 'the hostile report converts, its escaped text printed');
  for (const m of models) {
    const pdf = join(dir, `${m.name}.pdf`);
    const where = `${m.name} (${m.report.template}, base seed ${BASE})`;
    const raw = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    const layout = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    checkRaw(raw, m.report, where);
    checkLayout(layout, m.report, where);
    // The footer's page numbers: — 1 —, — 2 — …
    assert.match(layout.replace(/\s+/g, ''), /—1—[\s\S]*—2—/, `${where}: page numbers`);
  }
});

// ---------------------------------------------------------------- d. typography (GB/T 9704)

/** The w:style element of a style id, from styles.xml. */
const styleOf = (styles: string, id: string) => {
  const m = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(styles);
  assert.ok(m, `style ${id}`);
  return m[0];
};
const twipsToMm = (t: number) => (t * 25.4) / 1440;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('typography: A4, GB/T 9704 margins, 方正小标宋 二号 title, 仿宋 三号 body at a fixed 28.95 pt, 黑体/楷体 headings, — 1 — footer', async () => {
  const report = seedModel(firstSeed);
  const bytes = await toDocx(report);
  const xml = documentXml(bytes);
  const styles = part(bytes, 'word/styles.xml');

  const size = /<w:pgSz w:w="(\d+)" w:h="(\d+)"/.exec(xml);
  assert.deepEqual([Number(size?.[1]), Number(size?.[2])], [11906, 16838], 'A4');
  const margin = (k: string) => twipsToMm(Number(new RegExp(`<w:pgMar [^>]*w:${k}="(\\d+)"`).exec(xml)?.[1]));
  for (const [k, mm] of [['top', 37], ['bottom', 35], ['left', 28], ['right', 26]] as const) assert.ok(Math.abs(margin(k) - mm) < 0.1, `${k} margin ${margin(k)} mm`);

  // The title: the first paragraph, centred, 方正小标宋简体 22 pt.
  const first = /<w:body><w:p>([\s\S]*?)<\/w:p>/.exec(xml)?.[1] ?? '';
  assert.match(first, /<w:pStyle w:val="ReportTitle"\/>/);
  assert.equal(squeeze(textOf(parseDocument(`<x>${first}</x>`, { xmlMode: true }).children[0] as Element)), squeeze(titleOf(report)));
  const title = styleOf(styles, 'ReportTitle');
  assert.match(title, /w:eastAsia="方正小标宋简体"/);
  assert.match(title, /<w:sz w:val="44"\/>/);
  assert.match(title, /<w:jc w:val="center"\/>/);

  // Body: 仿宋_GB2312 16 pt, first line two characters in, fixed line pitch 28–29 pt, justified.
  const body = styleOf(styles, 'Body');
  assert.match(body, /w:eastAsia="仿宋_GB2312"/);
  assert.match(body, /<w:sz w:val="32"\/>/);
  assert.match(body, /w:firstLineChars="200"/);
  assert.match(body, /<w:jc w:val="both"\/>/);
  const line = Number(/<w:spacing [^>]*w:line="(\d+)"[^>]*w:lineRule="exact"|<w:spacing [^>]*w:lineRule="exact"[^>]*w:line="(\d+)"/.exec(body)?.slice(1).find(Boolean));
  assert.ok(line / 20 >= 28 && line / 20 <= 29, `line pitch ${line / 20} pt`);
  // Section headings 黑体 三号; every section heading is in that style.
  const heading = styleOf(styles, 'SectionHeading');
  assert.match(heading, /w:eastAsia="黑体"/);
  assert.match(heading, /<w:sz w:val="32"\/>/);
  for (const s of sectionsOf(report)) assert.match(xml, new RegExp(`<w:pStyle w:val="SectionHeading"/></w:pPr><w:r>(<w:rPr>.*?</w:rPr>)?<w:t xml:space="preserve">${escapeRe(s.heading)}<`), s.heading);
  // （一）… subheadings in 楷体_GB2312.
  const sub = sectionsOf(report).flatMap((s) => s.text.split('\n')).find((l) => /^（一）/.test(l.trim()));
  if (sub) assert.match(xml, new RegExp(`w:eastAsia="楷体_GB2312"[^]*?<w:t xml:space="preserve">${escapeRe(sub.trim().slice(0, 6))}`));
  // Tables: 宋体 10 pt, as in the template.
  const cell = styleOf(styles, 'TableText');
  assert.match(cell, /w:eastAsia="宋体"/);
  assert.match(cell, /<w:sz w:val="20"\/>/);

  // Footers: — PAGE — in 宋体 四号, odd pages right and even pages left (outer side).
  const settings = part(bytes, 'word/settings.xml');
  assert.match(settings, /<w:evenAndOddHeaders\/>/);
  const refs = [...xml.matchAll(/<w:footerReference w:type="(\w+)" r:id="(\w+)"\/>/g)].map((m) => m[1]).sort();
  assert.deepEqual(refs, ['default', 'even']);
  const footers = Object.keys(unzipSync(bytes, { filter: (f) => /^word\/footer\d+\.xml$/.test(f.name) }));
  assert.equal(footers.length, 2);
  const sides = new Set<string>();
  for (const f of footers) {
    const x = part(bytes, f);
    assert.match(x, /<w:fldChar w:fldCharType="begin"\/>/);
    assert.match(x, /<w:instrText xml:space="preserve">\s*PAGE\s*<\/w:instrText>/);
    assert.match(x, />— <\/w:t>[^]*PAGE[^]*> —<\/w:t>/);
    assert.match(x, /w:eastAsia="宋体"[^]*<w:sz w:val="28"\/>/);
    sides.add(/<w:jc w:val="(\w+)"\/>/.exec(x)?.[1] ?? '');
  }
  assert.deepEqual([...sides].sort(), ['left', 'right']);

  // The font table declares each face as GB2312 with its class and a fallback Windows has.
  const fonts = part(bytes, 'word/fontTable.xml');
  for (const [name, alt] of [['方正小标宋简体', '宋体'], ['仿宋_GB2312', '仿宋'], ['楷体_GB2312', '楷体'], ['黑体', 'SimHei'], ['宋体', 'SimSun']]) {
    assert.match(fonts, new RegExp(`<w:font w:name="${name}"><w:altName w:val="${alt}"/>[^]*?<w:charset w:val="86"/>`), name);
  }
  // Every East Asian face the document uses is declared.
  const used = new Set([...(xml + styles + footers.map((f) => part(bytes, f)).join('')).matchAll(/w:eastAsia="([^"]+)"/g)].map((m) => m[1]).filter((f) => !/^[a-z]{2}-[A-Z]{2}$/.test(f)));
  for (const f of used) assert.match(fonts, new RegExp(`<w:font w:name="${f}">`), `${f} in the font table`);
  assert.equal(templateFor(report.template).sections.length, 6);
});
