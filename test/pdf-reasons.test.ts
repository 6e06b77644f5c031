// pdfjs's errors reach the user as one Chinese sentence naming the reason, never its English.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pdfReason, readPdfDocument } from '../src/read/pdf/index.ts';
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
