// The HTML reader: the project's own pages, and pages dressed as government portals serve them.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { readBytes, readText, type ReadOutcome } from '../src/engine.ts';
import { getCell } from '../src/model/paths.ts';
import type { Report } from '../src/model/report.ts';
import { cellsOf, templateFor } from '../src/template/index.ts';
import { toHtml } from '../src/write/html.ts';

const seedDir = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'seeds');
const seeds = readdirSync(seedDir).filter((f) => f.endsWith('.txt'));

function ok(r: ReadOutcome) {
  if (!r.ok) assert.fail(r.error);
  return r;
}
function sameCells(a: Report, b: Report) {
  for (const c of cellsOf(templateFor(a.template))) assert.equal(getCell(a, c.path), getCell(b, c.path), c.path);
}
const seedModel = (f: string) => ok(readText(readFileSync(join(seedDir, f), 'utf8'), f)).report;

/** A portal page: navigation, a layout table holding the report, scripts, a footer. */
function portal(reportHtml: string, charset = 'utf-8'): string {
  const body = /<main>([\s\S]*)<\/main>/.exec(reportHtml)![1];
  return `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}"><title>政务公开</title>
<script>var nav = "<table><tr><td>1</td><td>2</td></tr></table>";</script><style>td{}</style></head>
<body><div class="top"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></div>
<table width="100%"><tr><td class="left"><ul><li>机构概况</li><li>政策文件</li></li></ul></td>
<td class="content">${body.replace(/<td>0<\/td>/, '<td>&nbsp;0&nbsp;</td>')}</td></tr></table>
<div style="display:none">隐藏内容 1 2 3</div><footer>版权所有 © 某某县人民政府 网站标识码 4107040001</footer></body></html>`;
}

for (const f of seeds) {
  test(`${f}: written as HTML by the project and read back, every cell equal`, async () => {
    const model = seedModel(f);
    const back = ok(await readBytes(new TextEncoder().encode(toHtml(model)), `${f}.html`));
    assert.equal(back.source.document.format, 'html');
    sameCells(back.report, model);
    assert.equal(back.report.meta.year, model.meta.year);
  });
}

test('a portal page (navigation, layout table, script, hidden text, &nbsp;) reads like the report inside it', async () => {
  const model = seedModel(seeds[2]);
  const back = ok(await readBytes(new TextEncoder().encode(portal(toHtml(model))), 'portal.html'));
  sameCells(back.report, model);
  assert.equal(back.report.sections.length, 6);
  assert.doesNotMatch(JSON.stringify(back.report.sections), /隐藏内容|版权所有|首页/);
});

test('GBK pages, with the charset in <meta> and without it, read like UTF-8', async () => {
  const model = seedModel(seeds[3]);
  const withMeta = iconv.encode(portal(toHtml(model), 'gb2312'), 'gb18030');
  sameCells(ok(await readBytes(withMeta, 'gbk.html')).report, model);
  const noMeta = iconv.encode(toHtml(model).replace('<meta charset="utf-8">', ''), 'gb18030');
  sameCells(ok(await readBytes(noMeta, 'gbk-nometa.html')).report, model);
});

test('<br> and line breaks inside a header cell join without a space', async () => {
  const model = seedModel(seeds[0]);
  const html = toHtml(model).replace('>商业企业<', '>商业<br>\n企业<').replace('>行政许可<', '>行政<br/>许可<');
  sameCells(ok(await readBytes(new TextEncoder().encode(html), 'br.html')).report, model);
});

test('a page that is not a report is refused with a reason', async () => {
  const r = await readBytes(new TextEncoder().encode('<html><body><p>通知公告</p><table><tr><td>a</td><td>b</td></tr></table></body></html>'), 'x.html');
  assert.equal(r.ok, false);
});
