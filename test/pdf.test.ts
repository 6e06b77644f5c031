// The PDF reader: real report PDFs to their gold cells, and the page geometry on made-up runs.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { mapDocument } from '../src/map/index.ts';
import { getCell } from '../src/model/paths.ts';
import { layoutPage, type Run } from '../src/read/pdf/layout.ts';
import { readPdfDocument } from '../src/read/pdf/index.ts';
import { sharedPath, withShared } from './shared.ts';

const real = sharedPath('corpus', 'real');

function flatten(o: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (o === null || typeof o !== 'object') out[prefix] = o;
  else for (const [k, v] of Object.entries(o)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

withShared('the real PDFs (evaluation corpus)', () => {
  for (const file of readdirSync(real).filter((f) => f.endsWith('.pdf'))) {
    test(`real/${file}: every cell of the gold file, each with its page`, async () => {
      const gold = JSON.parse(readFileSync(join(real, file.replace(/\.pdf$/, '.gold.json')), 'utf8'));
      const doc = await readPdfDocument(new Uint8Array(readFileSync(join(real, file))));
      if ('error' in doc) assert.fail(doc.error);
      const { report, source } = mapDocument(doc, file);
      assert.equal(report.meta.year, gold.meta.year);
      const want = flatten({ active: gold.active, applications: gold.applications, reviews: gold.reviews });
      for (const [path, v] of Object.entries(want)) {
        if (v === undefined) continue;
        assert.equal(getCell(report, path), v, path);
        if (v !== null) assert.ok((source.cells.get(path)?.page ?? 0) >= 1, `${path} has a page`);
      }
    });
  }
});

/** Runs of a made-up table: label at x=80, numbers centred on columns at 300, 340, 380. */
function row(y: number, label: string | null, values: (string | null)[], h = 10): Run[] {
  const runs: Run[] = label ? [{ text: label, x: 80, y, w: label.length * h, h }] : [];
  values.forEach((v, i) => {
    if (v !== null) runs.push({ text: v, x: 300 + i * 40 - (v.length * h) / 4, y: y + 1, w: (v.length * h) / 2, h: h + 3 });
  });
  return runs;
}

test('a blank cell in a PDF table keeps the numbers after it in their columns', () => {
  const runs = [...row(100, '一、本年新收政府信息公开申请数量', ['5', '0', '5']), ...row(130, '二、上年结转政府信息公开申请数量', ['2', null, '2'])];
  const { rows } = layoutPage(runs, 1, 1);
  assert.deepEqual(rows.map((r) => r.cells.map((c) => c.text)), [
    ['一、本年新收政府信息公开申请数量', '5', '0', '5'],
    ['二、上年结转政府信息公开申请数量', '2', '', '2'],
  ]);
});

test('a label wrapped over two lines beside its numbers is one cell in their row', () => {
  const runs = [
    ...row(100, '一、本年新收政府信息公开申请数量', ['5', '0', '5']),
    { text: '（二）部分公开（区分处理的，只计这一情', x: 80, y: 130, w: 190, h: 10 },
    { text: '形，不计其他情形）', x: 80, y: 145, w: 90, h: 10 },
    ...row(139, null, ['1', '0', '1']),
  ];
  const { rows } = layoutPage(runs, 1, 1);
  assert.deepEqual(rows[1].cells.map((c) => c.text), ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '1', '0', '1']);
});

test('page numbers are dropped and every row carries its page', () => {
  const { rows, dropped } = layoutPage([...row(100, '行政许可', ['3']), { text: '- 3 -', x: 280, y: 800, w: 20, h: 10 }], 3, 40);
  assert.equal(dropped, 1);
  assert.deepEqual(rows.map((r) => [r.page, r.line]), [[3, 40]]);
});
