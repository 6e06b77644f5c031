// Nothing silent (issue 7, part 4): what a reader noticed reaches the user as a `reader` finding,
// and a cell the reader cannot read exactly is null with a finding, never another number.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from '../src/check/run.ts';
import { readBytes } from '../src/engine.ts';

const enc = (s: string) => new TextEncoder().encode(s);

test('an HTML page whose tables are images: a reader warning at the image, beside the missing tables', async () => {
  const page = `<html><body><h1>2024年度某某局政府信息公开工作年度报告</h1>
<p>一、总体情况</p><p>本局依法公开政府信息。</p>
<p>二、主动公开政府信息情况</p>
<p><img src="/upload/t2.png"></p>
<p>三、收到和处理政府信息公开申请情况</p>
<p><img src="/upload/t3.png"></p>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
<p><img src="/upload/t4.png"></p>
<p>五、存在的主要问题及改进情况</p><p>无。</p><p>六、其他需要报告的事项</p><p>未收取信息处理费。</p></body></html>`;
  const r = await readBytes(enc(page), 'images.html');
  assert.ok(r.ok, !r.ok ? r.error : '');
  const found = check(r).filter((d) => d.rule === 'reader');
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'warning');
  assert.match(found[0].message, /图片/);
  assert.equal(found[0].line, 4);
  assert.equal(found[0].path, 'active.regulations');
});
