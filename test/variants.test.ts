// The mapper and the text reader on realistic variants of the seeds (h3's classes of issue 7):
// Traditional mirrors with pinyin, one cell per line with empty lines for empty cells, the agency
// where reports name themselves, subsections numbered like sections.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from '../src/check/index.ts';
import { readBytes, readText } from '../src/engine.ts';
import { dropPinyin } from '../src/map/normalize.ts';
import { htmlFragment, ok, page, sameCells, seedFiles, seedReport, seedText, traditional, withPinyin } from './variants.ts';

for (const f of seedFiles) {
  test(`${f}: Traditional with pinyin after characters (區(qū), 數(shù)量) reads like the seed, as text and as HTML`, async () => {
    const want = seedReport(f);
    const text = withPinyin(await traditional(seedText(f)));
    assert.match(text, /[\u4e00-\u9fff]\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/);
    const asText = ok(readText(text, f)).report;
    sameCells(asText, want, `${f} text`);
    assert.equal(asText.meta.year, want.meta.year);
    const html = withPinyin(await traditional(htmlFragment(want)));
    const asHtml = ok(await readBytes(new TextEncoder().encode(page(html, 'utf-8')), 'mirror.html')).report;
    sameCells(asHtml, want, `${f} html`);
    assert.equal(asHtml.meta.agency, want.meta.agency);
    // Section texts keep their words, not the annotations.
    assert.doesNotMatch(asHtml.sections.map((s) => s.text).join(''), /\((?:qū|xiàng|shù|kāi)\)/);
  });
}

test('dropPinyin: tone-marked Latin in brackets right after a CJK character goes; numbers, notes and acronyms stay', () => {
  const cases: [string, string][] = [
    ['區(qū)', '區'],
    ['處(chù)理決定數(shù)量', '處理決定數量'],
    ['項（xiàng）目', '項目'],
    ['信息(xìn xī)公開', '信息公開'],
    ['共(gòng) 5 件', '共 5 件'],
    ['12(shí)', '12(shí)'],
    ['(sān)3', '(sān)3'],
    ['客户端(APP)', '客户端(APP)'],
    ['第(一)項', '第(一)項'],
    ['規章(設區的市)', '規章(設區的市)'],
    ['收费(fee)', '收费(fee)'],
    ['行政许可(10)', '行政许可(10)'],
  ];
  for (const [text, want] of cases) assert.equal(dropPinyin(text), want, text);
});

test('a tab row with a filled cell more than its table has columns is a reader warning at that row', () => {
  const f = seedFiles.find((x) => /^规章\t0\t0\t0$/m.test(seedText(x)))!;
  const want = seedReport(f);
  const read = ok(readText(seedText(f).replace(/^规章\t0\t0\t0$/m, '规章\t0\t0\t0\t6'), f));
  sameCells(read.report, want, f);
  const d = check(read).find((x) => x.rule === 'reader' && x.path === 'active.regulations');
  assert.ok(d);
  assert.match(d.message, /多出的「6」未读取/);
  // Spacers left by merged cells (empty cells beyond the columns) are no finding.
  const spaced = ok(readText(seedText(f).replace(/^规章\t0\t0\t0$/m, '规章\t0\t0\t0\t\t'), f));
  assert.equal(check(spaced).filter((x) => x.rule === 'reader' && x.path === 'active.regulations').length, 0);
});

// ---------------------------------------------------------------- subsections numbered like sections

/** Section 一's subsections rewritten as `1、…` lines, the way some reports number them: as sentences with figures, or as short lines. */
function numberedSubsections(f: string, short: boolean): string {
  const lines = seedText(f).split('\n');
  const [one, two] = ok(readText(seedText(f), f)).source.headings;
  assert.equal(two.no, 2);
  const from = one.line! - 1;
  const to = two.line! - 1;
  const sub = short
    ? ['1、强化组织领导', '局领导高度重视，明确分管领导和专人负责。', '2、主动公开信息情况', '全年通过门户网站主动公开信息 32 条。', '3、依申请公开信息情况', '全年收到政府信息公开申请 0 件。']
    : ['1、强化组织领导。局领导高度重视，明确分管领导和专人负责。', '2、主动公开信息情况。全年主动公开信息 32 条。', '3、依申请公开信息情况。全年收到申请 0 件，办结 0 件。'];
  return [...lines.slice(0, from + 1), ...sub, ...lines.slice(to)].join('\n');
}

for (const f of seedFiles) {
  for (const short of [false, true]) {
    test(`${f}: 总体情况 with subsections numbered 1、2、3、 (${short ? 'short lines' : 'sentences with figures'}) — the six sections in order, every table under its own`, () => {
      const want = seedReport(f);
      const read = ok(readText(numberedSubsections(f, short), f));
      sameCells(read.report, want, f);
      assert.deepEqual(
        read.report.sections.map((s) => s.no),
        want.sections.map((s) => s.no),
      );
      assert.deepEqual(
        read.report.sections.map((s) => s.heading),
        want.sections.map((s) => s.heading),
      );
      assert.match(read.report.sections[0].text, /全年主动公开|主动公开信息 32 条/);
    });
  }
}

// ---------------------------------------------------------------- the agency where reports name themselves

for (const f of seedFiles) {
  test(`${f}: the agency — never a breadcrumb; from the first paragraph when the title names none; from a title printed in a table row`, async () => {
    const want = seedReport(f);
    const agency = want.meta.agency!;
    const year = want.meta.year!;
    const bareTitle = `${year}年政府信息公开工作年度报告`;
    const html = htmlFragment(want);
    const body = html.replace(/<h1>[^<]*<\/h1>/, '');
    const read = async (h: string) => ok(await readBytes(new TextEncoder().encode(h), 'page.html')).report.meta;
    // A breadcrumb before a title that names no agency, and a first paragraph that does.
    const crumb = `<div class="crumb">当前位置：首页 &gt; 政府信息公开 &gt; 政府信息公开年度报告 &gt; ${bareTitle}</div>`;
    const opening = `<p>${agency}高度重视政府信息公开工作，认真贯彻落实《中华人民共和国政府信息公开条例》。</p>`;
    const m1 = await read(page(`${crumb}<h1>${bareTitle}</h1>${opening}${body}`, 'utf-8'));
    assert.equal(m1.agency, agency);
    // The breadcrumb alone: no agency rather than the navigation.
    const m2 = await read(page(`${crumb}<h1>${bareTitle}</h1>${body}`, 'utf-8'));
    assert.doesNotMatch(m2.agency ?? '', /当前位置|首页|>/);
    // The title printed inside a table row.
    const m3 = await read(page(`<table><tr><td>标　题：</td><td>${agency}${year}年度政府信息公开工作年度报告</td></tr><tr><td>发布日期：</td><td>${year + 1}-01-20</td></tr></table>${body}`, 'utf-8'));
    assert.equal(m3.agency, agency);
    // As text: the title names no agency, the first paragraph does.
    const lines = seedText(f).split('\n');
    const t = lines.findIndex((l) => l.includes('年度报告'));
    const text = [...lines.slice(0, t), bareTitle, `${agency}高度重视政府信息公开工作，现将有关情况报告如下。`, ...lines.slice(t + 1)].join('\n');
    assert.equal(ok(readText(text, f)).report.meta.agency, agency);
  });
}
