// The text reader and mapper on real files and on targeted edits of them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as OpenCC from 'opencc-js';
import { readText, type ReadOutcome } from '../src/engine.ts';
import { getCell } from '../src/model/paths.ts';
import { cellsOf, templateFor } from '../src/template/index.ts';
import { EXAMPLES, seedGoldPath, seedNames, seedPath, sharedPath, sharedSkip, withShared } from './shared.ts';

const corpus = sharedPath('corpus');
const seedText = (prefix: string) => readFileSync(seedPath(prefix), 'utf8');

function ok(r: ReadOutcome) {
  if (!r.ok) assert.fail(`not read: ${r.error}`);
  return r;
}

function flatten(o: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (o === null || typeof o !== 'object') out[prefix] = o;
  else for (const [k, v] of Object.entries(o)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

withShared('the seeds and excerpts against their gold files (evaluation corpus)', () => {
  for (const dir of ['seeds', 'excerpts']) {
    for (const file of readdirSync(join(corpus, dir)).filter((f) => f.endsWith('.txt'))) {
      test(`${dir}/${file}: every cell the gold file names`, () => {
        const gold = JSON.parse(readFileSync(join(corpus, dir, file.replace(/\.txt$/, '.gold.json')), 'utf8'));
        const r = ok(readText(readFileSync(join(corpus, dir, file), 'utf8'), file));
        assert.equal(r.report.template, gold.template);
        assert.equal(r.report.meta.year, gold.meta.year);
        const want = flatten({ active: gold.active, applications: gold.applications, reviews: gold.reviews });
        const got = flatten({ active: r.report.active, applications: r.report.applications, reviews: r.report.reviews });
        for (const [path, v] of Object.entries(want)) if (v !== undefined) assert.equal(got[path], v, path);
      });
    }
  }
});

test('a section 三 without a 总计 column: every total is null and said to be a missing column, not a blank', () => {
  const r = ok(readText(seedText('001'), '001.txt'));
  assert.equal(r.report.applications.received && (r.report.applications.received as Record<string, unknown>).total, null);
  assert.equal(r.source.cells.get('applications.received.total')?.status, 'no-column');
  assert.deepEqual(r.source.missingColumns.map((c) => c.label), ['总计']);
});

test('rows printed without values are null and marked so (seed 004: 其他处理 2 and 3)', () => {
  const r = ok(readText(seedText('004'), '004.txt'));
  assert.equal(getCell(r.report, 'applications.otherHandling.feeUnpaid.total'), null);
  assert.equal(r.source.cells.get('applications.otherHandling.feeUnpaid.total')?.status, 'no-value');
  assert.equal(getCell(r.report, 'applications.otherHandling.noCorrection.total'), 0);
});

test('blank cells, placeholders and words are null with their reason; never 0', () => {
  const text = seedText('002')
    .replace('规章\t0\t0\t0', '规章\t/\t\t若干')
    .replace('行政许可\t0', '行政许可\t１，２３４件');
  const r = ok(readText(text, 'edited.txt'));
  assert.equal(getCell(r.report, 'active.regulations.issued'), null);
  assert.equal(r.source.cells.get('active.regulations.issued')?.status, 'placeholder');
  assert.equal(r.source.cells.get('active.regulations.inForce')?.status, 'bad');
  assert.equal(getCell(r.report, 'active.licensing.decisions'), 1234);
});

test('page numbers between table rows are not cells', () => {
  const text = seedText('002').replace('\t\t2.其他法律行政法规禁止公开', '-3-\n\t\t2.其他法律行政法规禁止公开');
  const r = ok(readText(text, 'paged.txt'));
  const want = ok(readText(seedText('002'), '002.txt'));
  for (const c of cellsOf(templateFor('2021'))) assert.equal(getCell(r.report, c.path), getCell(want.report, c.path), c.path);
});

test('Traditional characters read exactly like Simplified', () => {
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  for (const prefix of ['000', '002', '004']) {
    const simplified = ok(readText(seedText(prefix), 's.txt'));
    const traditional = ok(readText(toTraditional(seedText(prefix)), 't.txt'));
    assert.deepEqual(flatten(traditional.report.applications), flatten(simplified.report.applications));
    assert.deepEqual(flatten(traditional.report.active), flatten(simplified.report.active));
    assert.equal(traditional.report.meta.year, simplified.report.meta.year);
  }
});

test('label variants are read, and words that differ are recorded for row-label', () => {
  const r = ok(readText(seedText('004'), '004.txt'));
  const flagged = r.source.labels.filter((l) => l.match === 'flagged' || l.match === 'fuzzy').map((l) => l.path);
  assert.ok(flagged.includes('active.normativeDocuments'));
  const typo = ok(readText(seedText('002').replace('2.其他法律行政法规禁止公开', '2.其他法律行政止公开').replace('\t\t2.其他法律行政止公开\t0', '\t\t2.其他法律行政止公开\t7'), 'typo.txt'));
  assert.equal(getCell(typo.report, 'applications.denied.prohibitedByLaw.naturalPerson'), 7);
  assert.ok(typo.source.labels.some((l) => l.path === 'applications.denied.prohibitedByLaw' && l.match === 'fuzzy'));
});

test('meta: title, agency, year, reviewer', () => {
  const r = ok(readText(seedText('000'), '000.txt'));
  assert.equal(r.report.meta.title, '2024年度广水市科技经信局政府信息公开工作年度报告');
  assert.equal(r.report.meta.agency, '广水市科技经信局');
  assert.equal(r.report.meta.year, 2024);
  const r4 = ok(readText(seedText('004'), '004.txt'));
  assert.equal(r4.report.meta.title, null);
  assert.equal(r4.report.meta.agency, '自治州科技局');
  assert.equal(r4.report.meta.reviewer, '卞馨');
});

test('text that is not a report, and empty text, are refused with a reason', () => {
  const notReport = readText('这是一份会议通知。\n请各单位于周五前报送材料。\n', 'notice.txt');
  assert.equal(notReport.ok, false);
  assert.match(!notReport.ok ? notReport.error : '', /年度报告/);
  const empty = readText('  \n\n', 'empty.txt');
  assert.equal(empty.ok, false);
});

test('a report with sections but no tables is read, with every table missing', () => {
  const text = ['2024年度某某局政府信息公开工作年度报告', '一、总体情况', '本年度工作正常。', '二、主动公开政府信息情况', '见网站。', '三、收到和处理政府信息公开申请情况', '无。'].join('\n');
  const r = ok(readText(text, 'no-tables.txt'));
  assert.equal(r.source.tables.applications.found, false);
  assert.equal(getCell(r.report, 'applications.received.total'), null);
  assert.equal(r.source.cells.get('applications.received.total')?.status, 'no-table');
});

// Text taken out of a PDF with spaces for columns (`pdftotext -layout`, as researchers do):
// labels wrapped over lines, stacked headers interleaved, numbers a space apart.
const realDir = join(corpus, 'real');
const pdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
withShared('the real PDFs as pdftotext -layout text (evaluation corpus)', () => {
  for (const file of readdirSync(realDir).filter((f) => f.endsWith('.pdf'))) {
    test(`real/${file} as pdftotext -layout text: every cell of the gold file`, { skip: pdftotext ? false : 'pdftotext (poppler-utils) is not installed' }, () => {
      const gold = JSON.parse(readFileSync(join(realDir, file.replace(/\.pdf$/, '.gold.json')), 'utf8'));
      const text = execFileSync('pdftotext', ['-layout', join(realDir, file), '-'], { encoding: 'utf8' });
      const r = ok(readText(text, file));
      assert.equal(r.report.meta.year, gold.meta.year);
      const want = flatten({ active: gold.active, applications: gold.applications, reviews: gold.reviews });
      const got = flatten({ active: r.report.active, applications: r.report.applications, reviews: r.report.reviews });
      for (const [path, v] of Object.entries(want)) if (v !== undefined) assert.equal(got[path], v, path);
    });
  }
});

test('the region code of each seed, from its agency or (seed 004: 自治州科技局, 博州) from its text', { skip: sharedSkip }, () => {
  for (const file of seedNames) {
    const gold = JSON.parse(readFileSync(seedGoldPath(file), 'utf8'));
    const r = ok(readText(readFileSync(join(EXAMPLES, file), 'utf8'), file));
    assert.equal(r.report.meta.region?.code, gold.meta.regionCode, file);
  }
});

test('regions: parents settle repeated names, short forms and autonomous-prefecture abbreviations resolve, ambiguity gives null', async () => {
  const { resolveRegion } = await import('../src/map/region.ts');
  assert.equal(resolveRegion('淮安市洪泽区人民政府', '')?.code, '320813');
  assert.equal(resolveRegion('淮安市人民政府', '')?.code, '320800');
  assert.equal(resolveRegion('南京市鼓楼区教育局', '')?.code, '320106');
  assert.equal(resolveRegion('鼓楼区人民政府', ''), null);
  assert.equal(resolveRegion('湘西州民政局', '')?.code, '433100');
  assert.equal(resolveRegion('石家庄市桥西区中山街道办事处', '')?.code, '130104');
  assert.deepEqual(resolveRegion('廣水市科技經信局', ''), { code: '421381', name: '广水市', province: '湖北省', prefecture: '随州市' });
  assert.equal(resolveRegion(null, '我局全年公开信息50条。'), null);
});
