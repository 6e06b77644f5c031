// pdfjs's errors reach the user as one Chinese sentence naming the reason, never its English.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readPdfDocument } from '../src/read/pdf/index.ts';
import { pdfReason } from '../src/read/pdf/reasons.ts';
import { sharedPath, withShared } from './shared.ts';

const ENGLISH = /[A-Za-z]{5,}/;

test('pdfjs errors by kind: encrypted, not a PDF, a damaged stream, a damaged structure', () => {
  const cases: [unknown, RegExp][] = [
    [{ name: 'PasswordException', message: 'No password given' }, /已加密/],
    [{ name: 'InvalidPDFException', message: 'Invalid PDF structure.' }, /不是有效的 PDF/],
    [{ name: 'UnknownErrorException', message: 'Bad encoding in flate stream', details: 'FormatError: Bad encoding in flate stream' }, /内容数据无法解压/],
    [{ name: 'XRefParseException', message: 'Invalid XRef stream header' }, /损坏/],
    [new Error('something else entirely'), /损坏/],
    [undefined, /损坏/],
  ];
  for (const [e, want] of cases) {
    const reason = pdfReason(e, 3);
    assert.match(reason, want);
    assert.doesNotMatch(reason, ENGLISH, reason);
  }
});

test('bytes that only open like a PDF: refused in Chinese', async () => {
  const d = await readPdfDocument(new TextEncoder().encode('%PDF-1.4\ngarbage\n'));
  assert.ok('error' in d);
  assert.doesNotMatch(d.error, ENGLISH);
});

withShared('hostile PDF of the evaluation corpus', () => {
  test('pdf-bad-flate.pdf: the damaged stream named in Chinese, with its page', async () => {
    const d = await readPdfDocument(new Uint8Array(readFileSync(sharedPath('corpus', 'hostile', 'pdf-bad-flate.pdf'))));
    assert.ok('error' in d);
    assert.match(d.error, /^PDF 文件已损坏：第 \d+ 页的内容数据无法解压/);
    assert.doesNotMatch(d.error, ENGLISH);
  });
});

test('an exception of pdfjs that escapes the reader gets the reader\'s words in the worker too', async () => {
  const { internalReason } = await import('../src/read/failures.ts');
  const flate = Object.assign(new Error('Bad encoding in flate stream'), { name: 'FormatError' });
  assert.equal(internalReason(flate), pdfReason(flate));
  assert.match(internalReason(flate), /无法解压/);
  const bad = Object.assign(new Error('Invalid PDF structure.'), { name: 'InvalidPDFException' });
  assert.equal(internalReason(bad), '不是有效的 PDF 文件（文件结构无法识别）');
  assert.equal(internalReason(new Error('x is not a function')), '读取时发生内部错误');
});
