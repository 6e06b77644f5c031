// The HTML reader on report pages as portals really store them (h3's classes of issue 7): bare
// fragments with no envelope, other charsets, Traditional mirrors with pinyin, rows with a cell
// too many. Built from the seeds in examples/, so they need nothing outside the project.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readBytes } from '../src/engine.ts';
import { sniff } from '../src/read/sniff.ts';
import { htmlFragment, ok, sameCells, seedFiles, seedReport } from './variants.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

for (const f of seedFiles) {
  test(`${f}: a CMS fragment (bare <h1>/<p>/<table>, no <html>/<head>/<body>, one line) reads like the seed`, async () => {
    const want = seedReport(f);
    const fragment = htmlFragment(want);
    assert.doesNotMatch(fragment, /<html|<head|<body|\n/);
    assert.equal(sniff(utf8(fragment)).kind, 'html');
    const got = ok(await readBytes(utf8(fragment), 'content.html')).report;
    sameCells(got, want, f);
    assert.equal(got.meta.agency, want.meta.agency);
    assert.equal(got.meta.year, want.meta.year);
  });
}

test('sniff: HTML by its markup, not its envelope', () => {
  const html = [
    '<p style="text-indent:2em">一、总体情况</p><table border="1"><tr><td>规章</td><td>0</td></tr></table>',
    '  <!-- cms:article --><div class="TRS_Editor"><p>正文</p></div>',
    '<span style="font-size:16px">2024年度某局政府信息公开工作年度报告</span>',
    // Text before the markup: three closed blocks in the first 4 KB.
    `某局2024年度报告${'。'.repeat(600)}<p>一、总体情况</p><p>（一）主动公开</p><div>正文</div>`,
  ];
  for (const h of html) assert.equal(sniff(utf8(h)).kind, 'html', h.slice(0, 40));
  const text = [
    '一、总体情况\n规章\t0\t0\n',
    '| 信息内容 | 本年制发件数 |\n| --- | --- |\n| 规章<br>（含规范性文件） | 0 |\n',
    '本报告中所列数据 <5 件的不单独列出。\n二、主动公开政府信息情况\n',
  ];
  for (const t of text) assert.equal(sniff(utf8(t)).kind, 'text', t.slice(0, 40));
});
