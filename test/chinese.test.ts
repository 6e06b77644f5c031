// Traditional → Simplified: the generated table of characters to convert is the installed
// opencc-js's own, and text is converted only where it holds one of them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasTraditional, probeTraditional, toSimplified } from '../src/util/chinese.ts';
import { TRADITIONAL_BITS } from '../src/util/traditional-table.ts';

test("the table of Traditional characters is opencc-js's (else: node --import tsx scripts/traditional-table.ts)", () => {
  assert.equal(Buffer.from(probeTraditional()).toString('base64'), TRADITIONAL_BITS);
});

test('Traditional text is found and converted; Simplified text is left as it is', () => {
  assert.equal(hasTraditional('政府資訊公開工作年度報告'), true);
  assert.equal(toSimplified('政府資訊公開工作年度報告'), '政府资讯公开工作年度报告');
  assert.equal(hasTraditional('政府信息公开工作年度报告（2023 年）'), false);
  const s = '一、总体情况 第 3 页';
  assert.equal(toSimplified(s), s);
  // Only ideographs of the block are probed: the first and last of it, and text around it.
  assert.equal(hasTraditional('\u4e00\u9fff abc ㈠'), false);
});
