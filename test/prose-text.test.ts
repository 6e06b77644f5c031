// Soft line breaks of fixed-width text (paragraphs.ts fixedWidthWraps, through the text reader):
// a text broken at one width reads to the same paragraphs as the text it was broken from; a text
// of one paragraph per line is left as it is.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { check, readText } from '../src/engine.ts';
import { columns, fixedWidthWraps, OPENS_PARAGRAPH } from '../src/model/paragraphs.ts';
import type { Report } from '../src/model/report.ts';
import { readTextDocument } from '../src/read/text/index.ts';
import { EXAMPLES, ROOT, seedNames } from './shared.ts';

const read = (text: string, file = 'x.txt'): Report => {
  const r = readText(text, file);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.report;
};
const squeeze = (s: string | null) => (s ?? '').replace(/[ \t]+/g, '');
const prose = (r: Report) => [r.preamble, ...r.sections.map((s) => s.text)].map(squeeze);

/** Breaks each plain line of prose longer than `width` columns at that width, as a fixed-width text would print it. */
function breakAt(text: string, width: number, indent: string): string {
  // Never a piece that begins with a mark (line-start rule) or that would read as a numbered item
  // (`1、` at a line's start opens a paragraph, as it should): the break moves a character back.
  const bad = (rest: string) => /^[，。、；：！？”）》,.;:!?)]/.test(rest) || OPENS_PARAGRAPH.test(rest);
  // From section 一 on: the title is meta, found by its own rules. Word's `[bookmark: …]` marks and
  // markdown are the text reader's to drop, not part of a printed line's width.
  let body = false;
  return text
    .split('\n')
    .flatMap((line) => {
      body ||= /^\s*(?:#+\s*)?[一1]\s*、/.test(line);
      if (!body || /[\t|#[]/.test(line) || !line.trim()) return [line];
      // Every paragraph's first line is indented, short ones too.
      if (columns(indent + line.trim()) <= width || columns(line.trim()) < 40) return [indent + line.trim()];
      const chars = [...line.trim()];
      const out: string[] = [];
      let at = 0;
      while (at < chars.length) {
        let end = at;
        let cols = columns(out.length ? '' : indent);
        while (end < chars.length && cols + columns(chars[end]) <= width) cols += columns(chars[end++]);
        // Nor inside a number or a Latin word, which typesetters keep whole.
        while (end < chars.length && end > at + 1 && (bad(chars.slice(end).join('')) || /[\w%.]/.test(chars[end - 1] + chars[end]) && /^[\w%.]{2}$/.test(chars[end - 1] + chars[end]))) end--;
        out.push((out.length ? '' : indent) + chars.slice(at, end).join(''));
        at = end;
      }
      return out;
    })
    .join('\n');
}

const seeds = seedNames.map((f) => readFileSync(join(EXAMPLES, f), 'utf8'));

test('the seeds, one paragraph per line, show no fixed width: no line is taken to continue another', () => {
  for (const [k, text] of seeds.entries()) {
    const doc = readTextDocument(text);
    assert.equal(doc.rows.filter((r) => r.wrap).length, 0, seedNames[k]);
  }
});

test('property: a seed broken at any width reads to the paragraphs of the seed — all of them where paragraphs are indented', () => {
  const paragraphs = (r: Report) => prose(r).flatMap((t) => t.split('\n')).filter(Boolean);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: seeds.length - 1 }), fc.integer({ min: 36, max: 80 }), fc.boolean(), (k, width, indented) => {
      const broken = breakAt(seeds[k], width, indented ? '　　' : '');
      assert.notEqual(broken, seeds[k]);
      const where = `${seedNames[k]} at ${width} columns${indented ? ', indented' : ''}`;
      if (indented) assert.deepEqual(prose(read(broken)), prose(read(seeds[k])), where);
      else {
        // Where no indent marks a paragraph, a line that ends a sentence at the width is taken
        // for a paragraph's end (it may be one): a few paragraphs come out split, none joined.
        const want = paragraphs(read(seeds[k]));
        const got = paragraphs(read(broken));
        for (const p of got) assert.ok(want.some((w) => w.includes(p)), `${where}: joined across paragraphs: ${p}`);
        assert.ok(want.filter((p) => got.includes(p)).length >= want.length * 0.75, where);
      }
    }),
    { numRuns: 60 },
  );
});

test('fixedWidthWraps: continues a line that reaches the width; a blank line, an indent, a sentence end where none is indented end a paragraph', () => {
  const L = (text: string, blankBefore = false) => ({ text, blankBefore });
  const full = '一二三四五六七八九十一二三四五六七八九十'; // 40 columns
  // Indented paragraphs: a sentence's end at the width is not a paragraph's end.
  assert.deepEqual(fixedWidthWraps([L(`  ${full.slice(2)}`), L(`${full.slice(0, -1)}。`), L(full), L('五六七八。'), L(`  ${full.slice(2)}`), L(full), L('末行。')]), [false, true, true, true, false, true, true]);
  // No indentation anywhere: a line that ends a sentence at the width ends its paragraph.
  assert.deepEqual(fixedWidthWraps([L(full), L(`${full.slice(0, -1)}。`), L(full), L(full), L('尾。'), L(full, true), L(full)]), [false, true, false, true, true, false, true]);
  // A table row between two lines ends the paragraph.
  assert.deepEqual(fixedWidthWraps([L(full), L(full), null, L(full), L(full)]), [false, true, false, false, true]);
  // Lines of every length (one paragraph per line): no width, nothing joined.
  assert.deepEqual(fixedWidthWraps([L(full), L(full.repeat(2)), L(full.slice(3)), L(full.repeat(3)), L(full.slice(7))]), [false, false, false, false, false]);
});

test('pdftotext of our own PDF (plain and -layout): the sentence of 12 applications is one sentence again, and narrative-applications fires', () => {
  const source = read(readFileSync(join(ROOT, 'test', 'fixtures', 'pdf', 'xxgk-applications.txt'), 'utf8'));
  for (const kind of ['pdftotext', 'layout']) {
    const file = join(ROOT, 'test', 'fixtures', 'pdf', `xxgk-applications.${kind}.txt`);
    const r = readText(readFileSync(file, 'utf8'), file);
    assert.ok(r.ok);
    assert.equal(squeeze(r.report.sections[0].text), squeeze(source.sections[0].text), kind);
    assert.match(r.report.sections[0].text ?? '', /全年共收到政府信息公开申请 ?12 ?件，均已在法定期限内予以答复/);
    const found = check(r).filter((d) => d.rule === 'narrative-applications');
    assert.equal(found.length, 1, kind);
  }
});
