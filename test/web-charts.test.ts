// The web app's figures (web/src/charts.ts): each chart's table (its CSV) holds what the API sent,
// and the picture is drawn from that table — a group of rows as the sum of its rows, a rate from
// its two counts, a carry-over break on its year, an agency's colour its report's status.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readText } from '../src/engine.ts';
import { getCell } from '../src/model/paths.ts';
import { templateFor } from '../src/template/index.ts';
import { applicationFigures, correctionRanking, findingsRanking, statusTree, trendFigure, type CellItem } from '../web/src/charts.ts';
import { EXAMPLES, seedNames } from './shared.ts';

const t = templateFor('2021');

test('section 三 as pictures: 本年新收 by applicant, each outcome by applicant with a group the sum of its rows', () => {
  const read = readText(readFileSync(join(EXAMPLES, seedNames.find((n) => n.startsWith('seed-002'))!), 'utf8'), 'seed-002');
  assert.ok(read.ok);
  const [received, outcomes] = applicationFigures(t, read.report, '某局');
  const cols = t.applications.columns.filter((c) => c.key !== 'total');
  assert.deepEqual(received.rows.map((r) => r[1]), cols.map((c) => getCell(read.report, `applications.received.${c.key}`)));
  const denied = outcomes.rows.find((r) => r[0] === '不予公开')!;
  const group = t.applications.rows.find((r) => r.key === 'denied') as { rows: { key: string }[] };
  assert.equal(denied[1], group.rows.reduce((n, s) => n + (getCell(read.report, `applications.denied.${s.key}.${cols[0].key}`) as number), 0));
  assert.ok(!outcomes.rows.some((r) => ['本年新收政府信息公开申请数量', '总计'].includes(String(r[0]))), 'only outcomes');
  // The picture is the table: each series a column of it.
  const series = (outcomes.option.series as { data: unknown[] }[]).map((s) => s.data);
  assert.deepEqual(series, cols.map((_, i) => outcomes.rows.map((r) => r[i + 1])));
});

const item = (id: number, agency: string, values: (number | null)[], errors = 0, warnings = 0): CellItem => ({ id, agency, status: 'draft', errors, warnings, values });

test('纠正率: the corrected of 复议 and 诉讼 over their totals; an agency with none is left out; findings ranked errors first', () => {
  // values: received, then 3 corrected, then 3 totals.
  const items = [item(1, '甲', [5, 1, 0, 1, 4, 0, 4]), item(2, '乙', [9, 0, 0, 0, 0, 0, 0]), item(3, '丙', [1, 1, null, 0, 2, 1, 1])];
  const fig = correctionRanking(items, 2024, 3);
  assert.deepEqual(fig.rows, [['甲', 25, 2, 8]]);
  const f = findingsRanking([item(1, '甲', [], 1, 9), item(2, '乙', [], 3, 0), item(3, '丙', [], 1, 10)], 2024);
  assert.deepEqual(f.rows.map((r) => r[0]), ['乙', '丙', '甲']);
});

test('the years of a cell with a carry-over break marked on its year; the tree of agencies coloured by status', () => {
  const fig = trendFigure([{ label: '本年新收', points: [{ year: 2023, value: 4 }, { year: 2022, value: 2 }, { year: 2024, value: null }], breaks: [{ year: 2023, message: '不衔接' }] }], '甲');
  assert.deepEqual(fig.rows, [[2022, 2], [2023, 4], [2024, null]]);
  const marks = (fig.option.series as { markPoint?: { data: { coord: unknown[] }[] } }[])[0].markPoint!.data;
  assert.deepEqual(marks.map((m) => m.coord), [['2023', 4]]);
  const tree = statusTree([{ id: 1, parentId: null, name: '市政府' }, { id: 2, parentId: 1, name: '甲局' }, { id: 3, parentId: 1, name: '乙局' }], [{ agencyId: 2, status: 'published' }], { published: '已发布' }, 2024);
  const [root] = (tree.option.series as { data: { name: string; children: { name: string; itemStyle: { color: string } }[] }[] }[])[0].data;
  assert.equal(root.children.length, 2);
  assert.match(root.children[0].name, /甲局（已发布）/);
  assert.notEqual(root.children[0].itemStyle.color, root.children[1].itemStyle.color);
  assert.deepEqual(tree.rows, [['市政府', null, '未报送'], ['甲局', '市政府', '已发布'], ['乙局', '市政府', '未报送']]);
});
