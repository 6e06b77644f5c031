// The HTML reader on report pages as portals really store them (h3's classes of issue 7): bare
// fragments with no envelope, other charsets, Traditional mirrors with pinyin, rows with a cell
// too many. Built from the seeds in examples/, so they need nothing outside the project.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { check } from '../src/check/index.ts';
import { readBytes } from '../src/engine.ts';
import { decodeHtml } from '../src/read/html/charset.ts';
import { sniff } from '../src/read/sniff.ts';
import { htmlFragment, ok, page, sameCells, seedFiles, seedReport, traditional } from './variants.ts';

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

// ---------------------------------------------------------------- charsets

const readPage = async (bytes: Uint8Array) => ok(await readBytes(bytes, 'page.html'));
const codes = (r: { source: { document: { messages: { code: string }[] } } }) => r.source.document.messages.map((m) => m.code);

for (const f of seedFiles.slice(0, 3)) {
  test(`${f}: a Traditional page in Big5 — declared, declared by an alias, or not declared — reads like the seed`, async () => {
    const want = seedReport(f);
    const tw = await traditional(htmlFragment(want));
    for (const charset of ['big5', 'x-x-big5', 'Big5-HKSCS', null]) {
      const bytes = iconv.encode(page(tw, charset), 'big5');
      assert.equal(strictly(bytes, 'utf-8'), false);
      const got = await readPage(bytes);
      sameCells(got.report, want, `${f} ${charset}`);
      assert.equal(got.report.meta.agency, want.meta.agency);
      assert.deepEqual(codes(got), charset ? [] : ['charset-guessed']);
    }
  });

  test(`${f}: a GBK page as declared reads like the seed, with no message`, async () => {
    const want = seedReport(f);
    for (const charset of ['gbk', 'gb2312', 'GB18030']) {
      const got = await readPage(iconv.encode(page(htmlFragment(want), charset), 'gb18030'));
      sameCells(got.report, want, `${f} ${charset}`);
      assert.deepEqual(codes(got), []);
    }
  });

  test(`${f}: a page whose bytes contradict its declaration is decoded by its bytes and says so`, async () => {
    const want = seedReport(f);
    const fragment = htmlFragment(want);
    const tw = await traditional(fragment);
    const cases: [string, Uint8Array][] = [
      ['gb2312, in UTF-8', utf8(page(fragment, 'gb2312'))],
      ['iso-8859-1, in UTF-8', utf8(page(fragment, 'iso-8859-1'))],
      ['utf-8, in GBK', iconv.encode(page(fragment, 'utf-8'), 'gbk')],
      ['gbk, in Big5', iconv.encode(page(tw, 'gbk'), 'big5')],
    ];
    for (const [name, bytes] of cases) {
      const got = await readPage(bytes);
      sameCells(got.report, want, `${f} ${name}`);
      const m = got.source.document.messages.find((x) => x.code === 'charset-mismatch');
      assert.ok(m, name);
      assert.equal(m.severity, 'warning');
      assert.equal(m.line, 4, name); // the <meta> that declares it
    }
  });
}

test('decodeHtml: the byte-order mark wins over the declaration; an unknown label is no declaration', () => {
  const text = '<meta charset="gbk"><p>一、总体情况</p>';
  const bom = decodeHtml(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]));
  assert.equal(bom.encoding, 'utf-8');
  assert.equal(bom.text.replace(/^\ufeff/, ''), text);
  assert.deepEqual(bom.messages, []);
  const unknown = decodeHtml(utf8('<meta charset="no-such"><p>一、总体情况</p>'));
  assert.equal(unknown.encoding, 'utf-8');
  assert.deepEqual(unknown.messages, []);
  const ascii = decodeHtml(utf8('<meta charset="big5"><p>report</p>'));
  assert.equal(ascii.text, '<meta charset="big5"><p>report</p>');
});

function strictly(bytes: Uint8Array, encoding: string): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- a row with a cell too many

for (const f of seedFiles) {
  test(`${f}: an HTML row with one <td> more than its table has columns is a reader warning at that row; no other row moves`, async () => {
    const want = seedReport(f);
    const rows = ['active.regulations', 'applications.received'];
    let html = htmlFragment(want);
    for (const row of rows) {
      // As the hostile file has it: an extra <td>0</td> before the row's first value.
      const at = html.indexOf(`<td headers="`, html.indexOf(`data-path="${row}.`) - 200);
      assert.ok(at > 0, row);
      html = `${html.slice(0, at)}<td>0</td>${html.slice(at)}`;
    }
    const read = ok(await readBytes(utf8(html), 'extra.html'));
    sameCells(read.report, want, f, rows);
    const found = check(read).filter((d) => d.rule === 'reader');
    for (const row of rows) {
      const d = found.find((x) => x.path === row);
      assert.ok(d, `no reader finding at ${row}: ${JSON.stringify(found)}`);
      assert.equal(d.severity, 'warning');
      assert.match(d.message, /多于表格的 \d+ 列/);
      assert.ok(d.line !== null && d.line > 0);
    }
    // Without the extra cells: no such finding.
    const clean = ok(await readBytes(utf8(htmlFragment(want)), 'clean.html'));
    assert.deepEqual(check(clean).filter((d) => d.rule === 'reader' && /多于表格/.test(d.message)), []);
  });
}
