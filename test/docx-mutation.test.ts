// Mutated DOCX files never run into the time limit (issue 7: a mutated 28 KB DOCX took 60 s).
// The DOCX files are our own: seeds written by xxgk's DOCX writer. fast-check mutates them at the
// level of the XML (elements repeated, nested, cut, text run together, tags broken) and of the
// bytes of the zip (flipped, cut, repeated); every mutant is read and checked within a bound far
// under the batch road's 60 s limit, and the answer is a report or one Chinese sentence.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { check } from '../src/check/index.ts';
import { readBytes, readText } from '../src/engine.ts';
import { toDocx } from '../src/write/docx.ts';
import { EXAMPLES, seedNames } from './shared.ts';

const RUNS = Number(process.env.XXGK_PROPERTY_RUNS ?? 150);
/** Per mutant: read and checked well within this (a clean seed takes some 20 ms). */
const BOUND_MS = 4000;

async function seedDocx(k: number): Promise<Uint8Array> {
  const r = readText(readFileSync(join(EXAMPLES, seedNames[k]), 'utf8'), seedNames[k]);
  assert.ok(r.ok);
  return toDocx(r.report);
}

type XmlMutation =
  | { kind: 'repeat'; at: number; len: number; times: number }
  | { kind: 'nest'; at: number; len: number; depth: number; tag: string }
  | { kind: 'cut'; at: number; len: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'untag'; tag: string };

const xmlMutation: fc.Arbitrary<XmlMutation> = fc.oneof(
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 4000 }), times: fc.integer({ min: 2, max: 300 }) }),
  fc.record({
    kind: fc.constant('nest' as const),
    at: fc.nat(),
    len: fc.integer({ min: 0, max: 4000 }),
    depth: fc.integer({ min: 1, max: 990 }),
    tag: fc.constantFrom('w:tbl><w:tr><w:tc', 'w:sdt><w:sdtContent', 'w:p><w:r><w:drawing><w:txbxContent', 'w:tc', 'w:tr', 'w:r'),
  }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 20000 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('<', '>', '&', '&amp;', '</w:tc>', '<w:tc>', '</w:tr>', '<w:tr>', '</w:p>', '<![CDATA[', '<!--', ']]>', '\u0000', '<w:vMerge/>', '<w:gridSpan w:val="9999999"/>') }),
  fc.record({ kind: fc.constant('untag' as const), tag: fc.constantFrom('w:p', 'w:tr', 'w:tc', 'w:tbl', 'w:r') }),
);

/** Opening tags of `tag` (`a><b` for nested pairs) and their closing tags in reverse. */
function tags(tag: string): [string, string] {
  const names = tag.split('><');
  return [names.map((n) => `<${n}>`).join(''), [...names].reverse().map((n) => `</${n.split(' ')[0]}>`).join('')];
}

function mutateXml(xml: string, m: XmlMutation): string {
  const at = 'at' in m ? m.at % (xml.length + 1) : 0;
  switch (m.kind) {
    case 'repeat':
      return xml.slice(0, at) + xml.slice(at, at + m.len).repeat(m.times) + xml.slice(at);
    case 'nest': {
      const [open, close] = tags(m.tag);
      return xml.slice(0, at) + open.repeat(m.depth) + xml.slice(at, at + m.len) + close.repeat(m.depth) + xml.slice(at + m.len);
    }
    case 'cut':
      return xml.slice(0, at) + xml.slice(at + m.len);
    case 'insert':
      return xml.slice(0, at) + m.text + xml.slice(at);
    case 'untag':
      // Every element of the kind taken out, its content left: runs, cells or rows run together.
      return xml.replace(new RegExp(`</?${m.tag}(?:\\s[^>]*)?>`, 'g'), '');
  }
}

type ByteMutation = { kind: 'flip'; at: number[]; xor: number } | { kind: 'truncate'; at: number } | { kind: 'repeat'; at: number; len: number; times: number };

const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 2000 }), times: fc.integer({ min: 2, max: 50 }) }),
);

function mutateBytes(bytes: Uint8Array, m: ByteMutation): Uint8Array {
  switch (m.kind) {
    case 'flip': {
      const out = bytes.slice();
      for (const a of m.at) out[a % out.length] ^= m.xor;
      return out;
    }
    case 'truncate':
      return bytes.slice(0, m.at % bytes.length);
    case 'repeat': {
      const at = m.at % bytes.length;
      const piece = bytes.slice(at, at + m.len);
      const out = new Uint8Array(bytes.length + piece.length * (m.times - 1));
      out.set(bytes.subarray(0, at));
      for (let k = 0; k < m.times; k++) out.set(piece, at + k * piece.length);
      out.set(bytes.subarray(at + piece.length), at + piece.length * m.times);
      return out;
    }
  }
}

/** Reads and checks a mutant: a report or one Chinese sentence, within the bound. Returns the time taken. */
async function readMutant(bytes: Uint8Array, what: string): Promise<number> {
  const t = performance.now();
  const r = await readBytes(bytes, 'mutant.docx');
  if (r.ok) check(r);
  const ms = performance.now() - t;
  if (!r.ok) {
    assert.match(r.error, /[\u4e00-\u9fff]/, `${what}: a Chinese reason`);
    assert.doesNotMatch(r.error, /[A-Za-z]{4,}(?:\s+[A-Za-z]{2,}){2,}/, `${what}: no English internals: ${r.error}`);
  }
  assert.ok(ms < BOUND_MS, `${what}: ${Math.round(ms)} ms`);
  return ms;
}

test('our own DOCX (some 28 KB) mutated in its XML: every mutant read and checked in well under the time limit', async (t) => {
  const docs = await Promise.all([0, 2, 4].map(seedDocx));
  for (const d of docs) assert.ok(d.length > 15_000 && d.length < 60_000, `a DOCX of ${d.length} bytes`);
  const xmls = docs.map((d) => new TextDecoder().decode(unzipSync(d)['word/document.xml']));
  let slowest = 0;
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: docs.length - 1 }), fc.array(xmlMutation, { minLength: 1, maxLength: 3 }), async (k, ms) => {
      const files = unzipSync(docs[k]);
      let xml = xmls[k];
      for (const m of ms) xml = mutateXml(xml, m);
      files['word/document.xml'] = new TextEncoder().encode(xml);
      slowest = Math.max(slowest, await readMutant(zipSync(files), JSON.stringify(ms).slice(0, 300)));
    }),
    { numRuns: RUNS },
  );
  assert.ok(slowest < BOUND_MS);
  t.diagnostic(`slowest mutant: ${Math.round(slowest)} ms`);
});

test('our own DOCX mutated in its bytes (flipped, cut, repeated): a report or one Chinese sentence, in well under the time limit', async () => {
  const docs = await Promise.all([1, 3].map(seedDocx));
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: docs.length - 1 }), byteMutation, async (k, m) => {
      await readMutant(mutateBytes(docs[k], m), JSON.stringify(m));
    }),
    { numRuns: RUNS },
  );
});
