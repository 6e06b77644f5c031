// Drafts of sections 一、五、六 built from the figures: every number in a draft is a figure of the
// report (or a sum of its cells), a null figure is a blank (`____`), never 0, and the checks that
// compare text and tables read the drafts as agreeing with the tables — and as disagreeing once a
// number in them is changed, so the agreement is not for want of reading them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, readBytes } from '../src/engine.ts';
import { BLANK, draftNarrative, draftSections, TEXT_BLANK } from '../src/draft/narrative.ts';
import { blankReport } from '../src/model/blank.ts';
import { getCell, setCell } from '../src/model/paths.ts';
import type { Cell, Diagnostic, Report } from '../src/model/report.ts';
import { cellsOf, isGroup, templateFor, type TemplateVersion } from '../src/template/index.ts';
import { toJson } from '../src/write/index.ts';
import { randomReport } from './generate.ts';
import { corpusReports } from './roundtrip.ts';

const RUNS = Math.min(Number(process.env.XXGK_PROPERTY_RUNS ?? 200), 200);
const BASE = Number(process.env.XXGK_SEED ?? Math.floor(Math.random() * 1e9));
const NARRATIVE_RULES = ['narrative-applications', 'narrative-reviews', 'fees-not-reported'];

const corpus = await corpusReports();
const clone = (r: Report): Report => structuredClone(r);
const fig = (v: Cell | undefined) => (typeof v === 'number' ? String(v) : BLANK);
const total = (r: Report, row: string) => getCell(r, `applications.${row}.total`);
const sumOf = (r: Report, paths: string[]): Cell => {
  const vs = paths.map((p) => getCell(r, p) ?? null);
  return vs.some((v) => v === null) ? null : (vs as number[]).reduce((a, b) => a + b, 0);
};

/** The sentences a draft must say, from the report's cells, written out independently of the drafter. */
function expectedSentences(r: Report): string[] {
  const t = templateFor(r.template);
  const group = (key: string) => {
    const row = t.applications.rows.find((x) => x.key === key)!;
    return isGroup(row) ? sumOf(r, row.rows.map((s) => `applications.${key}.${s.key}.total`)) : total(r, key);
  };
  const a = (p: string) => fig(getCell(r, `active.${p}`));
  const out = [
    `本年度共收到政府信息公开申请${fig(total(r, 'received'))}件，上年结转${fig(total(r, 'carriedOver'))}件，办结${fig(total(r, 'total'))}件，` +
      `其中予以公开${fig(total(r, 'granted'))}件，部分公开${fig(total(r, 'partlyGranted'))}件，不予公开${fig(group('denied'))}件，无法提供${fig(group('unavailable'))}件，` +
      `不予处理${fig(group('notProcessed'))}件，其他处理${fig(group('otherHandling'))}件；结转下年度继续办理${fig(total(r, 'carriedForward'))}件。`,
    `被申请行政复议${fig(getCell(r, 'reviews.reconsideration.total'))}件，被提起行政诉讼${fig(sumOf(r, ['reviews.litigationDirect.total', 'reviews.litigationAfterReconsideration.total']))}件。`,
  ];
  if (r.template === '2021') {
    out.push(
      `制发规章${a('regulations.issued')}件、行政规范性文件${a('normativeDocuments.issued')}件`,
      `现行有效规章${a('regulations.inForce')}件、行政规范性文件${a('normativeDocuments.inForce')}件`,
      `行政许可决定${a('licensing.decisions')}件，作出行政处罚决定${a('punishment.decisions')}件、行政强制决定${a('coercion.decisions')}件`,
    );
  } else {
    out.push(`新制作规章${a('regulations.made')}件、规范性文件${a('normativeDocuments.made')}件`, `行政许可处理决定${a('licensing.decisions')}件`);
  }
  return out;
}

/** Checks a drafted report as the engine reads it from its model JSON. */
async function narrativeFindings(r: Report): Promise<Diagnostic[]> {
  const read = await readBytes(new TextEncoder().encode(toJson(r)), 'drafted.json');
  if (!read.ok) assert.fail(read.error);
  return check(read).filter((d) => NARRATIVE_RULES.includes(d.rule));
}

function drafted(r: Report): Report {
  const out = clone(r);
  out.sections = draftSections(out, { overwrite: true });
  return out;
}

test('the numbers of the drafts are the report\'s figures (corpus reports)', () => {
  for (const { name, report } of corpus) {
    const one = draftNarrative(report)[1];
    for (const s of expectedSentences(report)) assert.ok(one.includes(s), `${name}: «${s}» in\n${one}`);
  }
});

test(`the numbers of the drafts are the report's figures (${RUNS} random reports, base seed ${BASE}, some cells made null)`, () => {
  for (let i = 0; i < RUNS; i++) {
    const seed = BASE + i;
    const r = randomReport(seed, seed % 3 === 2 ? '2019' : '2021');
    // Blank a few cells, totals among them, as real reports leave them.
    const cells = cellsOf(templateFor(r.template));
    for (let k = 0; k < (seed % 5) * 3; k++) setCell(r, cells[(seed * 7 + k * 31) % cells.length].path, null);
    if (seed % 4 === 0) setCell(r, 'applications.received.total', null);
    const d = draftNarrative(r);
    for (const s of expectedSentences(r)) assert.ok(d[1].includes(s), `seed ${seed}: «${s}» in\n${d[1]}`);
    // Every number in the drafts is one of the report's figures or sums (no 0 made up, no guess).
    const figures = new Set<string>();
    for (const c of cells) {
      const v = getCell(r, c.path);
      if (typeof v === 'number') figures.add(String(v));
    }
    for (const sentence of expectedSentences(r)) for (const m of sentence.matchAll(/\d+(?:\.\d+)?/g)) figures.add(m[0]);
    for (const text of [d[1], d[5], d[6]]) {
      for (const m of text.matchAll(/-?\d+(?:\.\d+)?/g)) assert.ok(figures.has(m[0]), `seed ${seed}: ${m[0]} is no figure of the report`);
    }
  }
});

for (const version of ['2021', '2019'] as TemplateVersion[]) {
  test(`a blank ${version} report: every figure is a blank to fill, and no digit at all (no 0 invented)`, () => {
    const d = draftNarrative(blankReport(version));
    for (const no of [1, 5, 6] as const) assert.doesNotMatch(d[no], /[0-9０-９零]/, `section ${no}`);
    assert.ok(d[1].includes(`本年度共收到政府信息公开申请${BLANK}件，上年结转${BLANK}件，办结${BLANK}件`));
    assert.ok(d[1].includes(`被申请行政复议${BLANK}件，被提起行政诉讼${BLANK}件`));
    assert.ok(d[6].includes(`信息处理费${BLANK}元`));
  });
}

test('a sum over a null cell is a blank, not the sum of the others', () => {
  const r = clone(corpus.find((c) => c.name.includes('/002_'))!.report);
  setCell(r, 'applications.denied.stateSecret.total', null);
  setCell(r, 'reviews.litigationDirect.total', null);
  const one = draftNarrative(r)[1];
  assert.ok(one.includes(`不予公开${BLANK}件`), one);
  assert.ok(one.includes(`被提起行政诉讼${BLANK}件`), one);
  assert.ok(one.includes(`予以公开${fig(total(r, 'granted'))}件`));
});

test('五 and 六 are skeletons: headings and blanks, no problem, fee or work made up', () => {
  const d = draftNarrative(corpus[0].report);
  assert.equal(d[5].split('\n').filter((l) => l.includes(TEXT_BLANK)).length, 3);
  assert.match(d[5], /存在的主要问题：_+。/);
  assert.match(d[5], /改进情况：_+。/);
  assert.match(d[6], /^（一）收取信息处理费情况$/m);
  assert.ok(d[6].includes(`本年度收取政府信息公开信息处理费${BLANK}元`));
  assert.doesNotMatch(d[6], /未收取|没有收取|不收取/);
  for (const h of ['人大代表建议和政协委员提案办理情况', '政务公开工作要点落实情况', '政务公开创新情况']) assert.ok(d[6].includes(h), h);
  // 一's subheadings are the format's five topics, numbered as heading-numbering wants.
  const subs = d[1].split('\n').filter((l) => /^（[一二三四五]）/.test(l));
  assert.deepEqual(subs, ['（一）主动公开', '（二）依申请公开', '（三）政府信息管理', '（四）政府信息公开平台建设', '（五）监督保障']);
});

test('drafted reports pass narrative-applications, narrative-reviews and fees-not-reported (corpus and random reports)', async () => {
  const reports = [...corpus.map((c) => ({ name: c.name, report: c.report }))];
  for (let i = 0; i < 40; i++) reports.push({ name: `random ${BASE + i}`, report: randomReport(BASE + i, i % 3 === 2 ? '2019' : '2021') });
  for (const { name, report } of reports) {
    const found = await narrativeFindings(drafted(report));
    assert.deepEqual(found.map((d) => `${d.rule}: ${d.message}`), [], name);
    // A drafted report has no heading-numbering finding about 一's subheadings.
    const read = await readBytes(new TextEncoder().encode(toJson(drafted(report))), 'x.json');
    assert.ok(read.ok);
    assert.deepEqual(check(read).filter((d) => d.rule === 'heading-numbering' && d.path === 'sections[0].text'), [], name);
  }
});

test('the checks do read the drafts: a changed count in them is found', async () => {
  const r = drafted(corpus.find((c) => c.name.includes('/000_'))!.report);
  const received = total(r, 'received')!;
  const reconsideration = getCell(r, 'reviews.reconsideration.total')!;
  const one = r.sections[0];
  const wrong = clone(r);
  wrong.sections[0] = {
    ...one,
    text: one.text
      .replace(`收到政府信息公开申请${received}件`, `收到政府信息公开申请${received + 7}件`)
      .replace(`行政复议${reconsideration}件`, `行政复议${reconsideration + 3}件`),
  };
  const rules = (await narrativeFindings(wrong)).map((d) => d.rule).sort();
  assert.deepEqual(rules, ['narrative-applications', 'narrative-reviews']);
  // And a 六 without its fee sentence is found too.
  const silent = clone(r);
  silent.sections[5] = { ...silent.sections[5], text: '（二）人大代表建议和政协委员提案办理情况' };
  assert.deepEqual((await narrativeFindings(silent)).map((d) => d.rule), ['fees-not-reported']);
});

test('a blank report\'s drafts raise no narrative finding (nothing to compare)', async () => {
  for (const version of ['2021', '2019'] as TemplateVersion[]) {
    const r = blankReport(version);
    r.meta = { title: '2024年某某县教育局政府信息公开工作年度报告', agency: '某某县教育局', year: 2024, region: null, reviewer: null };
    r.sections = draftSections(r);
    assert.deepEqual(await narrativeFindings(r), []);
  }
});

test('draftSections: six sections in order, official headings where missing; text kept unless overwrite; 二–四 never drafted', () => {
  const r = clone(corpus.find((c) => c.name.includes('/002_'))!.report);
  const t = templateFor(r.template);
  r.sections = [
    { no: 1, heading: '一、总体情况', text: '本机关自己写的总体情况。' },
    { no: 3, heading: '三、收到和处理政府信息公开申请情况', text: '表格如下。' },
    { no: 5, heading: '五、存在的主要问题及改进情况', text: '' },
  ];
  const kept = draftSections(r);
  assert.deepEqual(kept.map((s) => s.no), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(kept.map((s) => s.heading), t.sections.map((s) => `${s.numeral}、${s.title.official}`));
  assert.equal(kept[0].text, '本机关自己写的总体情况。');
  assert.equal(kept[1].text, '');
  assert.equal(kept[2].text, '表格如下。');
  assert.equal(kept[3].text, '');
  assert.equal(kept[4].text, draftNarrative(r)[5]);
  assert.equal(kept[5].text, draftNarrative(r)[6]);
  const over = draftSections(r, { overwrite: true });
  assert.equal(over[0].text, draftNarrative(r)[1]);
  assert.equal(over[2].text, '表格如下。');
  // A printed heading is kept as printed.
  r.sections[0].heading = '1、总体情况';
  assert.equal(draftSections(r)[0].heading, '1、总体情况');
  // The report itself is not changed.
  assert.equal(r.sections.length, 3);
});
