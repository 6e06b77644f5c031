// The mapper skips NFKC for text made only of characters NFKC leaves as they are (src/map/sections.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NFKC_STABLE, nfkc } from '../src/map/sections.ts';

test('every character the NFKC shortcut takes is one NFKC leaves alone, alone and beside others', () => {
  const chars: string[] = [];
  for (let c = 0; c <= 0xffff; c++) {
    const ch = String.fromCharCode(c);
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (NFKC_STABLE.test(ch)) chars.push(ch);
  }
  assert.ok(chars.length > 20000);
  for (const ch of chars) {
    assert.equal(ch.normalize('NFKC'), ch, `U+${ch.charCodeAt(0).toString(16)}`);
    assert.ok(!/\p{M}/u.test(ch), `U+${ch.charCodeAt(0).toString(16)} is a combining mark`);
  }
  // None composes with a neighbour: the non-ideographs beside each other and beside letters and ideographs.
  const others = chars.filter((ch) => ch.charCodeAt(0) >= 0x80 && (ch.charCodeAt(0) < 0x4e00 || ch.charCodeAt(0) > 0x9fff));
  for (const x of [...others, 'a', 'e', '1', '一'])
    for (const y of chars.filter((_, i) => i % 97 === 0).concat(others)) assert.equal((x + y).normalize('NFKC'), x + y);
  for (const s of ['（一）主动公开', '１、总体情况', '三、收到和处理政府信息公开申请情况', '\u3000二、', '…']) assert.equal(nfkc(s), s.normalize('NFKC'));
});
