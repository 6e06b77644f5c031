// The form's walk over a printed table (web/src/grid.ts): the arrow keys move between value cells
// as drawn, past labels and merged headers; a block pasted from a spreadsheet lands on the cells
// rightwards and down from the selected one, text that is not a figure refused by name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { gridsOf } from '../src/write/grid.ts';
import { blankReport } from '../src/model/blank.ts';
import { cellLabel, layBlock, nextCell, parseBlock, placesOf } from '../web/src/grid.ts';
import { templateFor } from '../src/template/index.ts';

const grids = gridsOf(blankReport('2021'));
const apps = grids.find((g) => g.id === 'applications')!;
const p = placesOf(apps);
const cols = templateFor('2021').applications.columns.map((c) => c.key);

test('arrows walk the section 三 table as printed: along a row through its columns, down a column through its rows, stopping at the edge', () => {
  assert.equal(nextCell(p, 'applications.received.naturalPerson', 'right'), `applications.received.${cols[1]}`);
  assert.equal(nextCell(p, 'applications.received.naturalPerson', 'down'), 'applications.carriedOver.naturalPerson');
  assert.equal(nextCell(p, 'applications.carriedOver.naturalPerson', 'up'), 'applications.received.naturalPerson');
  assert.equal(nextCell(p, 'applications.received.naturalPerson', 'left'), null, 'labels to the left: the edge');
  assert.equal(nextCell(p, 'applications.received.naturalPerson', 'up'), null, 'headers above: the edge');
  assert.equal(nextCell(p, `applications.received.total`, 'right'), null);
  // Through the grouped rows (（三）不予公开 and its sub-rows) the column stays the column.
  const denied = [...p.at.keys()].filter((k) => k.startsWith('applications.denied.') && k.endsWith('.naturalPerson'));
  assert.ok(denied.length > 3);
  for (let i = 0; i + 1 < denied.length; i++) assert.equal(nextCell(p, denied[i], 'down'), denied[i + 1]);
});

test('every value cell is reached from the first by right and down, each once, in printed order', () => {
  for (const g of grids) {
    const places = placesOf(g);
    const order = [...places.at.keys()];
    const seen: string[] = [];
    for (let rowStart: string | null = order[0]; rowStart; rowStart = nextCell(places, rowStart, 'down')) for (let c: string | null = rowStart; c; c = nextCell(places, c, 'right')) seen.push(c);
    assert.deepEqual(seen, order, g.id);
  }
});

test('a pasted block: tabs and newlines, thousands separators, blanks; laid from the selected cell, what falls off counted', () => {
  assert.deepEqual(parseBlock('1\t2\t\r\n1,200\t 3 \t4\n'), [[1, 2, null], [1200, 3, 4]]);
  assert.deepEqual(parseBlock('5\t三\t-1'), [[5, { bad: '三' }, { bad: '-1' }]]);
  const laid = layBlock(p, `applications.received.${cols[5]}`, parseBlock('1\t2\t3\n4\t5\t6'));
  assert.deepEqual(laid.cells, { [`applications.received.${cols[5]}`]: 1, 'applications.received.total': 2, [`applications.carriedOver.${cols[5]}`]: 4, 'applications.carriedOver.total': 5 });
  assert.equal(laid.outside, 2);
  assert.deepEqual(laid.bad, []);
  fc.assert(
    fc.property(fc.array(fc.array(fc.nat(999), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 30 }), (block) => {
      const text = block.map((r) => r.join('\t')).join('\n');
      const { cells, outside } = layBlock(p, 'applications.received.naturalPerson', parseBlock(text));
      assert.equal(Object.keys(cells).length + outside, block.flat().length);
      for (const [path, v] of Object.entries(cells)) {
        const [r, c] = p.at.get(path)!;
        const [r0, c0] = p.at.get('applications.received.naturalPerson')!;
        assert.equal(v, block[r - r0][c - c0]);
      }
    }),
  );
});

test('a value cell is named by the labels of its row and its column, as printed', () => {
  const label = cellLabel(p, 'applications.received.naturalPerson')!;
  assert.match(label, /本年新收政府信息公开申请数量/);
  assert.match(label, /自然人/);
  assert.doesNotMatch(cellLabel(p, 'applications.received.total')!, /自然人/);
  assert.equal(cellLabel(p, 'applications.nothing.total'), null);
});
