// The DOCX reader cuts properties that hold no text out of document.xml before its tokenizer
// (src/read/docx withoutProperties): what is cut holds no text, and what it leaves (a tracked
// change's properties, an unclosed element) the parser skips as before — the document read is the same.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { readDocxXml, withoutProperties } from '../src/read/docx/index.ts';
import { toDocx } from '../src/write/docx.ts';
import { randomReport } from './generate.ts';

test('properties are cut, open-and-close or empty; text, a cell\'s merging and look-alike names stay', () => {
  assert.equal(withoutProperties('<w:tc><w:tcPr><w:tcW w:w="2"/><w:tcBorders><w:top/></w:tcBorders><w:vMerge/></w:tcPr><w:p/></w:tc>'), '<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>');
  assert.equal(withoutProperties('<w:p><w:pPr><w:jc w:val="center"/><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>甲</w:t></w:r></w:p>'), '<w:p><w:r><w:t>甲</w:t></w:r></w:p>');
  assert.equal(withoutProperties('<w:r><w:rPr/><w:t>乙</w:t></w:r>'), '<w:r><w:t>乙</w:t></w:r>');
  assert.equal(withoutProperties('<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:pPr w:rsidR="1"></w:pPr></w:p></w:tc>'), '<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p></w:p></w:tc>');
  assert.equal(withoutProperties('<w:rPrDefault><w:t>丙</w:t></w:rPrDefault>'), '<w:rPrDefault><w:t>丙</w:t></w:rPrDefault>');
});

test('properties holding a tracked change, and properties never closed, are left to the parser (only whole elements inside them are cut)', () => {
  const change = '<w:r><w:rPr><w:b/><w:rPrChange w:id="1"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>丁</w:t></w:r>';
  assert.equal(withoutProperties(change), '<w:r><w:rPr><w:b/><w:rPrChange w:id="1"></w:rPrChange></w:rPr><w:t>丁</w:t></w:r>');
  const open = '<w:r><w:rPr><w:b/><w:t>戊</w:t></w:r>';
  assert.equal(withoutProperties(open), open);
  // A `>` (and a `/>`) inside an attribute's value is not the end of the opening tag.
  const quoted = '<w:r><w:rPr w:x="a/>b"><w:b/></w:rPr><w:t>己</w:t></w:r>';
  assert.equal(withoutProperties(quoted), quoted);
});

const bodyOf = async (seed: number) => strFromU8(unzipSync(await toDocx(randomReport(seed, seed % 4 === 3 ? '2019' : '2021')))['word/document.xml']);

test('random properties, tracked changes among them, added to a written report change nothing read (fast-check)', async () => {
  const xmls = await Promise.all([1, 2, 3].map(bodyOf));
  const extra = fc.constantFrom('<w:rPr><w:b/><w:sz w:val="21"/></w:rPr>', '<w:rPr/>', '<w:rPr><w:rPrChange w:id="7"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr>', '<w:pPr><w:rPr><w:b/></w:rPr></w:pPr>', '<w:shd w:val="clear" w:fill="auto"/>', '<w:tcW w:w="10" w:type="dxa"/>');
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 2 }), fc.array(fc.tuple(fc.nat(), extra), { minLength: 1, maxLength: 30 }), async (k, adds) => {
      const xml = xmls[k];
      // After the opening tag of a run or a paragraph, where properties stand.
      const places = [...xml.matchAll(/<w:(?:r|p)>/g)].map((m) => m.index! + m[0].length);
      let out = xml;
      for (const [at, add] of [...adds].map(([n, a]) => [places[n % places.length], a] as const).sort((a, b) => b[0] - a[0])) out = out.slice(0, at) + add + out.slice(at);
      assert.deepEqual(readDocxXml(out), readDocxXml(xml));
    }),
    { numRuns: 60 },
  );
});
