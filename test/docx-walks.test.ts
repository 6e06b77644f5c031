// The DOCX reader on hostile nesting and bad cells: walks are iterative and linear, a document
// nested thousands deep is refused in Chinese quickly, and one bad cell does not cut its row.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readDocxDocument, readDocxXml } from '../src/read/docx/index.ts';
import { sharedPath, withShared } from './shared.ts';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const p = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
const doc = (body: string) => `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`;
const row = (...cells: string[]) => `<w:tr>${cells.map((c) => `<w:tc>${p(c)}</w:tc>`).join('')}</w:tr>`;

test('nesting just under the limit: content controls and text boxes are read in order, without recursion', () => {
  const sdt = (n: number, inner: string) => '<w:sdt><w:sdtContent>'.repeat(n) + inner + '</w:sdtContent></w:sdt>'.repeat(n);
  let box = p('最里面');
  for (let i = 0; i < 150; i++) box = `<w:p><w:r><w:t>第${i}层</w:t><w:drawing><w:txbxContent>${box}</w:txbxContent></w:drawing></w:r></w:p>`;
  const t = Date.now();
  const d = readDocxXml(doc(p('开头') + sdt(400, p('深处')) + box + p('结尾')));
  assert.ok(!('error' in d), 'error' in d ? d.error : '');
  const texts = d.rows.map((r) => r.cells[0].text);
  assert.deepEqual(texts.slice(0, 3), ['开头', '深处', '第149层']);
  assert.deepEqual(texts.slice(-2), ['最里面', '结尾']);
  assert.ok(Date.now() - t < 3000, `${Date.now() - t} ms`);
});

test('a document nested deeper than any report: refused with one Chinese sentence', () => {
  const d = readDocxXml(doc('<w:sdt><w:sdtContent>'.repeat(5000) + p('x') + '</w:sdtContent></w:sdt>'.repeat(5000)));
  assert.ok('error' in d);
  assert.match(d.error, /^DOCX 正文的 XML 嵌套超过 \d+ 层/);
});

test('a DOCX row with one cell that is not a number: that cell is bad, its neighbours keep their values', () => {
  for (const bad of ['NaN', '(3)', 'O', '١٢', '12 34', '①']) {
    const d = readDocxXml(doc(`<w:tbl>${row('规章', '1', bad, '3')}</w:tbl>`));
    assert.ok(!('error' in d));
    assert.deepEqual(d.rows[0].cells.map((c) => c.text), ['规章', '1', bad, '3']);
  }
});

withShared('hostile DOCX of the evaluation corpus', () => {
  for (const f of ['docx-sdt-nested-20000.docx', 'docx-txbx-nested-100000.docx']) {
    test(`${f}: refused quickly with a Chinese reason, no stack overflow`, () => {
      const t = Date.now();
      const d = readDocxDocument(readFileSync(sharedPath('corpus', 'hostile', f)));
      assert.ok('error' in d);
      assert.match(d.error, /[\u4e00-\u9fff]/);
      assert.doesNotMatch(d.error, /Maximum call stack|[A-Za-z]{12,}/);
      assert.ok(Date.now() - t < 5000, `${Date.now() - t} ms`);
    });
  }
});
