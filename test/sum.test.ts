// Government-wide reports summed from their departments' reports (`xxgk sum`, src/sum/) and the
// `hierarchy-sum` check: the seeds against their gold files, template conversion, the breakdown
// appendix, properties on random reports, and the command as a user runs it.
import { modelSource } from '../src/map/json.ts';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { check } from '../src/check/index.ts';
import type { ReadReport } from '../src/map/source.ts';
import { readBytes, readText } from '../src/engine.ts';
import { getCell, setCell } from '../src/model/paths.ts';
import type { Cell, Report } from '../src/model/report.ts';
import { BREAKDOWN_WORDS } from '../src/sum/breakdown.ts';
import { columnValue, convertReport, SAME_ACTIVE_CELLS, sumCells, sumReports, type SumInput } from '../src/sum/index.ts';
import { cellsOf, templateFor, wordings } from '../src/template/index.ts';
import { randomReport, render, rng } from './generate.ts';
import { EXAMPLES, seedExpected, seedPath, tempDir } from './shared.ts';

const root = join(import.meta.dirname, '..');
const seedDir = EXAMPLES;
const seedFile = seedPath;
/** A seed's gold values (without the evaluation corpus: the seed as the text reader reads it). */
const gold = (p: string) => seedExpected(seedPath(p)) as Report & { meta: { year: number; agency: string } };
const tmp = tempDir('sum');

async function readSeed(p: string): Promise<ReadReport & { file: string }> {
  const file = seedFile(p);
  const r = await readBytes(new Uint8Array(readFileSync(file)), file);
  if (!r.ok) assert.fail(`${file}: ${r.error}`);
  return { ...r, file };
}

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) assert.fail(`refused: ${JSON.stringify((r as unknown as { refusals: unknown }).refusals)}`);
  return r as Extract<T, { ok: true }>;
}

const CELLS_2021 = cellsOf(templateFor('2021'));
const ARITHMETIC = ['s3-row-total', 's3-outcome-total', 's3-balance', 's4-total'];
const NO_NOISE = { traditional: 0, pageNumbers: 0, numbers: 0, labels: 0 };

const DEPARTMENT_NAMES = ['广水市教育局', '广水市财政局', '广水市民政局', '广水市司法局', '广水市人民政府办公室', '广水市卫生健康局'];

/** Random valid 2021 reports of one year, of distinct agencies. */
function departments(seed: number, n: number, year = 2024): SumInput[] {
  return Array.from({ length: n }, (_, i) => {
    const r = randomReport(seed * 31 + i, '2021');
    r.meta.year = year;
    r.meta.agency = DEPARTMENT_NAMES[i % DEPARTMENT_NAMES.length] + (i >= DEPARTMENT_NAMES.length ? String(i) : '');
    r.meta.title = `${year}年度${r.meta.agency}政府信息公开工作年度报告`;
    return { file: `dept-${i + 1}.txt`, report: r };
  });
}

test('the three 2024 seeds sum, cell for cell, to the sum of their gold values; each null is named with its departments', async () => {
  const prefixes = ['000', '001', '004'];
  const reads = await Promise.all(prefixes.map(readSeed));
  const golds = prefixes.map(gold);
  const res = ok(sumReports(reads, { agency: '测试市人民政府', year: 2024 }));
  assert.equal(res.report.template, '2021');
  let nulls = 0;
  for (const c of CELLS_2021) {
    const values = golds.map((g) => (getCell(g, c.path) ?? null) as Cell);
    const want = values.includes(null) ? null : values.reduce<number>((a, b) => a + (b as number), 0);
    const got = getCell(res.report, c.path);
    if (typeof want === 'number' && typeof got === 'number') assert.ok(Math.abs(got - want) < 1e-9, `${c.path}: sum ${got}, gold ${want}`);
    else assert.equal(got, want, c.path);
    if (want !== null) {
      assert.ok(!res.findings.some((f) => f.path === c.path), `${c.path} is not null: no finding`);
      continue;
    }
    nulls++;
    const f = res.findings.filter((x) => x.path === c.path && x.kind === 'sum-null');
    assert.equal(f.length, 1, `one finding for ${c.path}`);
    const where = golds.map((g, i) => (getCell(g, c.path) === null ? i : -1)).filter((i) => i >= 0);
    assert.deepEqual(f[0].departments, where.map((i) => `${golds[i].meta.agency}（${reads[i].file}）`), c.path);
    assert.match(f[0].message, /[\u4e00-\u9fff]/);
    assert.ok(f[0].label.includes(c.rowLabels[c.rowLabels.length - 1]) && f[0].label.includes(c.colLabels[c.colLabels.length - 1]), `${c.path}: official labels in ${f[0].label}`);
    for (const i of where) assert.ok(f[0].message.includes(golds[i].meta.agency), `${c.path}: names ${golds[i].meta.agency}`);
  }
  assert.ok(nulls > 0, 'seed 001 has no 总计 column: its nulls reach the sum');
  // The meta of a sum.
  assert.deepEqual(
    { ...res.report.meta, region: res.report.meta.region?.code },
    { title: '2024年测试市人民政府政府信息公开工作年度报告', agency: '测试市人民政府', year: 2024, region: undefined, reviewer: null },
  );
  const gs = ok(sumReports(reads, { agency: '广水市人民政府', year: 2024 }));
  assert.equal(gs.report.meta.region?.code, '421381');
  assert.equal(gs.source.cells.get('applications.received.naturalPerson')?.line, null, 'a sum has no source lines');
});

test('adding the 2023 seed is refused, naming the file and its year', async () => {
  assert.equal(gold('003').meta.year, 2023);
  const reads = await Promise.all(['000', '001', '003', '004'].map(readSeed));
  const res = sumReports(reads, { agency: '测试市人民政府', year: 2024 });
  assert.equal(res.ok, false);
  if (res.ok) return;
  assert.equal(res.refusals.length, 1);
  assert.equal(res.refusals[0].file, reads[2].file);
  assert.match(res.refusals[0].message, /2023 年度/);
  assert.match(res.refusals[0].message, /2024/);
  // A report whose year is unknown is refused too: it is never guessed.
  const unknown = structuredClone(reads[0].report);
  unknown.meta.year = null;
  const r2 = sumReports([{ file: 'x.txt', report: unknown }], { agency: '测试市人民政府', year: 2024 });
  assert.ok(!r2.ok && /无法确定报告年度/.test(r2.refusals[0].message));
  assert.ok(!sumReports([], { agency: '测试市人民政府', year: 2024 }).ok, 'nothing to sum');
});

test('two 2019 reports in a 2021 sum: one sum-dropped finding names both; a finding over many departments names ten and counts the rest', () => {
  const olds = Array.from({ length: 12 }, (_, i) => {
    const r = randomReport(40 + i, '2019');
    r.meta = { ...r.meta, year: 2021, agency: `旧格式${i}局` };
    return { file: `old${i}.txt`, report: r };
  });
  const [now] = departments(3, 1, 2021);
  const res = ok(sumReports([now, ...olds], { agency: '测试县人民政府', year: 2021 }));
  const dropped = res.findings.filter((f) => f.kind === 'sum-dropped');
  assert.equal(dropped.length, 1);
  assert.deepEqual(dropped[0].inputs, olds.map((_, i) => i + 1));
  assert.equal(dropped[0].departments.length, 12);
  const unmapped = res.findings.find((f) => f.kind === 'sum-unmapped')!;
  assert.deepEqual(unmapped.departments, olds.map((o) => `${o.report.meta.agency}（${o.file}）`));
  assert.match(unmapped.message, /旧格式9局（old9\.txt）等 12 个单位的报告用 2019 版格式/);
  assert.doesNotMatch(unmapped.message, /旧格式10局/);
});

test('a 2019 report in a 2021 sum: sections 三 and 四 and the three 处理决定数量 map exactly, the rest is null and named', () => {
  for (let seed = 1; seed <= 20; seed++) {
    const old = randomReport(seed, '2019');
    old.meta.year = 2021;
    old.meta.agency = '旧格式局';
    const [now] = departments(seed, 1, 2021);
    const res = ok(sumReports([now, { file: 'old.txt', report: old }], { agency: '测试县人民政府', year: 2021 }));
    assert.equal(res.report.template, '2021');
    const paths2019 = new Set(cellsOf(templateFor('2019')).map((c) => c.path));
    const unmapped = new Set(res.findings.filter((f) => f.kind === 'sum-unmapped').map((f) => f.path));
    for (const c of CELLS_2021) {
      const same = c.section === 2 ? SAME_ACTIVE_CELLS.includes(c.path) : paths2019.has(c.path);
      const got = getCell(res.report, c.path);
      if (same) {
        assert.equal(got, (getCell(now.report, c.path) as number) + (getCell(old, c.path) as number), c.path);
        assert.ok(!unmapped.has(c.path), `${c.path} maps`);
      } else {
        assert.equal(got, null, `${c.path} has no 2019 counterpart`);
        assert.ok(unmapped.has(c.path), `${c.path} is named`);
      }
    }
    // Exactly: 规章 and 规范性文件 (3 + 3), 行政事业性收费 (1), （六）其他处理's three sub-rows (3 × 7).
    assert.equal(unmapped.size, 28);
    assert.ok([...unmapped].every((p) => /^active\.(regulations|normativeDocuments|fees)\.|^applications\.otherHandling\./.test(p)));
    for (const f of res.findings.filter((x) => x.kind === 'sum-unmapped')) assert.deepEqual(f.departments, ['旧格式局（old.txt）']);
    const dropped = res.findings.find((f) => f.kind === 'sum-dropped');
    assert.ok(dropped && /其他对外管理服务事项/.test(dropped.message) && /政府集中采购/.test(dropped.message), dropped?.message);
    // The converted 2019 report, in the breakdown, is in the 2021 shape.
    assert.equal(res.departments[1].report.template, '2021');
  }
});

test('2021 → 2019: （六）其他处理 is the sum of its three sub-rows', () => {
  const r = randomReport(7, '2021');
  const c = convertReport(r, '2019');
  for (const col of templateFor('2019').applications.columns) {
    const parts = ['noCorrection', 'feeUnpaid', 'other'].map((k) => getCell(r, `applications.otherHandling.${k}.${col.key}`) as number);
    assert.equal(getCell(c.report, `applications.otherHandling.${col.key}`), parts.reduce((a, b) => a + b, 0));
  }
  assert.deepEqual(c.unmapped.filter((p) => p.startsWith('applications') || p.startsWith('reviews')), []);
});

test('money is summed without float noise, at the precision printed', () => {
  assert.equal(sumCells([0.1, 0.2]), 0.3);
  assert.equal(sumCells([1.0001, 2.0002, 0.0003]), 3.0006);
  assert.equal(sumCells([12.5, 0.25, 3]), 15.75);
  assert.equal(sumCells([1, null, 2]), null);
  const inputs = departments(3, 3);
  inputs.forEach((d, i) => setCell(d.report, 'active.fees.amount', [0.1, 0.2, 1.0004][i]));
  assert.equal(getCell(ok(sumReports(inputs, { agency: '测试市人民政府', year: 2024 })).report, 'active.fees.amount'), 1.3004);
});

/** The government's own report as printed text, read back: with lines, as `--against` reads it. */
function governmentOf(sum: Report, seed: number): { read: ReadReport; lineOf: (path: string) => number } {
  const gov = structuredClone(sum);
  gov.sections = randomReport(seed, '2021').sections;
  const printed = render(gov, 'tab-rows', seed, NO_NOISE);
  const read = readText(printed.text, 'government.txt');
  if (!read.ok) assert.fail(read.error);
  const lineOf = (path: string) => printed.text.slice(0, printed.cells.get(path)![0]).split('\n').length;
  return { read, lineOf };
}

const asRead = (d: SumInput): ReadReport => ({ report: d.report, source: modelSource(d.report, d.file) });

test('hierarchy-sum (--against): the government report equal to the sum passes; one department cell changed is named, with its line', () => {
  for (let seed = 1; seed <= 15; seed++) {
    const deps = departments(seed, 3);
    const sum = ok(sumReports(deps, { agency: '广水市人民政府', year: 2024 }));
    const { read, lineOf } = governmentOf(sum.report, seed);
    assert.deepEqual(check(read, deps.map(asRead), { rules: ['hierarchy-sum'], governmentReport: true }), [], `seed ${seed}: equal to the sum`);
    // One department's cell off by one (or by 0.0001 万元): exactly that cell differs.
    const rand = rng(seed);
    const cell = CELLS_2021[Math.floor(rand() * CELLS_2021.length)];
    const changed = deps.map((d) => ({ ...d, report: structuredClone(d.report) }));
    const k = Math.floor(rand() * changed.length);
    const delta = cell.column.unit ? 0.0001 : 1;
    setCell(changed[k].report, cell.path, (getCell(changed[k].report, cell.path) as number) + delta);
    const found = check(read, changed.map(asRead), { rules: ['hierarchy-sum'], governmentReport: true });
    assert.deepEqual(found.map((d) => d.path), [cell.path], `seed ${seed}: ${cell.path}`);
    assert.equal(found[0].severity, 'error');
    assert.equal(found[0].line, lineOf(cell.path), 'the line of the cell in the government report');
    const printed = getCell(read.report, cell.path) as number;
    assert.ok(found[0].message.includes(cell.colLabels[cell.colLabels.length - 1]), found[0].message);
    assert.ok(found[0].message.includes(String(printed)) && found[0].message.includes(String(sumCells([printed, delta]))), found[0].message);
  }
});

test('hierarchy-sum does not fire on reports checked together that are not a government report and its departments', () => {
  const deps = departments(4, 3);
  const reads = deps.map(asRead);
  assert.deepEqual(check(reads[0], reads.slice(1), { rules: ['hierarchy-sum'] }), []);
  // The same reports with the option: the first is then compared with the sum of the others.
  assert.ok(check(reads[0], reads.slice(1), { rules: ['hierarchy-sum'], governmentReport: true }).length > 0);
});

test('the breakdown appendix: a row per department in input order, and a 合计 row equal to the sum; labels from the template', () => {
  for (let seed = 1; seed <= 10; seed++) {
    const deps = departments(seed, 2 + (seed % 4));
    const res = ok(sumReports(deps, { agency: '测试市人民政府', year: 2024 }));
    const b = res.breakdown;
    assert.deepEqual(b.rows.map((r) => r.name), deps.map((d) => d.report.meta.agency));
    b.columns.forEach((col, i) => {
      assert.equal(b.total[i], columnValue(res.report, col), col.labels.join('·'));
      assert.equal(b.total[i], sumCells(b.rows.map((r) => r.values[i])), `合计 = the rows: ${col.labels.join('·')}`);
    });
    const grid = res.appendix.grids[0];
    assert.equal(grid.section, null);
    const last = grid.rows[grid.rows.length - 1];
    assert.equal(last[0].text, BREAKDOWN_WORDS.total);
    assert.deepEqual(last.slice(1).map((c) => c.text), b.total.map((v) => (v === null ? '' : String(v))));
    assert.deepEqual(grid.rows.slice(-1 - deps.length, -1).map((r) => r[0].text), deps.map((d) => d.report.meta.agency));
    // Each row's width, counting spans, is the grid's; every header is a label of the format.
    const t = templateFor('2021');
    const official = new Set<string>([
      ...t.sections.map((s) => `${s.numeral}、${s.title.official}`),
      t.applications.outcomeHeader.official,
      ...cellsOf(t).flatMap((c) => [...c.rowLabels, ...c.colLabels]),
      ...t.reviews.groups.flatMap((g) => [g.label.official, ...(g.parent ? [g.parent.official] : [])]),
      ...t.applications.rows.map((r) => r.label.official),
      BREAKDOWN_WORDS.unit,
    ]);
    for (const row of grid.rows) for (const c of row) if (c.header === 'col') assert.ok(official.has(c.text), `header ${c.text} is a template label`);
    assert.ok(wordings(t.applications.columns.find((c) => c.key === 'total')!.label).some((w) => res.appendix.text!.includes(w)));
  }
  // The header rows fill the grid: width counted with colspans, rows below a rowspan take fewer cells.
  const grid = ok(sumReports(departments(1, 2), { agency: '测试市人民政府', year: 2024 })).appendix.grids[0];
  const covered = grid.rows.map(() => 0);
  grid.rows.forEach((row, i) => {
    for (const c of row) for (let k = 0; k < (c.rowspan ?? 1); k++) covered[i + k] += c.colspan ?? 1;
  });
  assert.deepEqual(covered, grid.rows.map(() => grid.width));
});

test('property: the sum of N random 2021 reports is their cellwise sum, and passes the arithmetic checks as each input does', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const n = 1 + (seed % 6);
    const deps = departments(seed, n);
    for (const d of deps) assert.deepEqual(check(asRead(d), [], { rules: ARITHMETIC }), [], `seed ${seed}: input valid`);
    const res = ok(sumReports(deps, { agency: '测试市人民政府', year: 2024 }));
    for (const c of CELLS_2021) {
      const want = deps.reduce((a, d) => a + (getCell(d.report, c.path) as number), 0);
      const got = getCell(res.report, c.path) as number;
      assert.ok(Math.abs(got - want) < 1e-6, `seed ${seed}: ${c.path} ${got} ≠ ${want}`);
      assert.equal(got, Number(got.toFixed(4)), `seed ${seed}: ${c.path} has no float noise (${got})`);
    }
    assert.deepEqual(res.findings, [], `seed ${seed}: nothing null`);
    assert.deepEqual(res.diagnostics.filter((d) => ARITHMETIC.includes(d.rule) || d.rule === 's2-stock'), [], `seed ${seed}: the sum is valid`);
  }
});

test('an arithmetic error in a department reaches the sum, and its checks report it', () => {
  const deps = departments(5, 3);
  const path = 'applications.granted.naturalPerson';
  setCell(deps[1].report, path, (getCell(deps[1].report, path) as number) + 1);
  const res = ok(sumReports(deps, { agency: '测试市人民政府', year: 2024 }));
  const rules = new Set(res.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.rule}@${d.path}`));
  assert.ok(rules.has('s3-row-total@applications.granted.total'), [...rules].join(', '));
  assert.ok(rules.has('s3-outcome-total@applications.total.naturalPerson'), [...rules].join(', '));
  assert.deepEqual(res.report.diagnostics, res.diagnostics);
});

// ── The command ────────────────────────────────────────────────────────────────────────────────

function xxgk(args: string[]) {
  const r = spawnSync('node', [join(root, 'bin', 'xxgk.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const noStack = (err: string) => assert.doesNotMatch(err, /\n\s+at |Error:/, 'no stack trace');
const SEEDS = ['000', '001', '004'].map((p) => seedFile(p));

test('xxgk sum: JSON of the summed report on stdout, findings on stderr, exit 0', () => {
  const r = xxgk(['sum', ...SEEDS, '--agency', '广水市人民政府', '--year', '2024']);
  assert.equal(r.code, 0, r.err);
  const model = JSON.parse(r.out) as Report;
  assert.equal(model.model, 'xxgk.report/1');
  assert.deepEqual([model.meta.agency, model.meta.year, model.meta.title, model.meta.region?.code], ['广水市人民政府', 2024, '2024年广水市人民政府政府信息公开工作年度报告', '421381']);
  const golds = ['000', '001', '004'].map(gold);
  assert.equal(getCell(model, 'active.licensing.decisions'), golds.reduce((a, g) => a + (getCell(g, 'active.licensing.decisions') as number), 0));
  assert.equal(getCell(model, 'applications.received.total'), null);
  assert.match(r.err, /sum-null\s+applications\.received\.total/);
  assert.match(r.err, /凤泉区科学技术局/);
  assert.match(r.err, /共 \d+ 个问题（0 个错误/);
  noStack(r.err);
});

test('xxgk sum: a directory or glob; md and html; -o writes the file', () => {
  const md = xxgk(['sum', join(seedDir, 'seed-00[014]*.txt'), '--agency', '广水市人民政府', '--year', '2024', '--format', 'md']);
  assert.equal(md.code, 0, md.err);
  assert.match(md.out, /^# 2024年广水市人民政府政府信息公开工作年度报告/);
  const out = join(tmp, '汇总.html');
  const html = xxgk(['sum', ...SEEDS, '--agency', '广水市人民政府', '--year', '2024', '-o', out]);
  assert.equal(html.code, 0, html.err);
  assert.equal(html.out, '');
  assert.match(readFileSync(out, 'utf8'), /^<!DOCTYPE html>/);
  assert.match(html.err, /已写入/);
});

test('xxgk sum: a report of another year is refused, exit 2, the file and its year named; an unreadable input is exit 2', () => {
  const r = xxgk(['sum', ...SEEDS, seedFile('003'), '--agency', '广水市人民政府', '--year', '2024']);
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.match(r.err, new RegExp(`${seedFile('003').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 是 2023 年度的报告`));
  noStack(r.err);
  const missing = xxgk(['sum', SEEDS[0], join(tmp, 'missing.txt'), '--agency', '广水市人民政府', '--year', '2024']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /missing\.txt: 文件不存在/);
  assert.equal(missing.out, '');
  const noYear = xxgk(['sum', ...SEEDS, '--agency', '广水市人民政府']);
  assert.equal(noYear.code, 2);
  assert.match(noYear.err, /缺少 --year：请给出报告的年度/);
});

test('xxgk sum --against: the government report compared cell by cell; a difference is exit 1 with the cell, label, values and line', () => {
  const deps = departments(11, 3);
  const files = deps.map((d, i) => {
    const f = join(tmp, `dept-${i + 1}.txt`);
    writeFileSync(f, render(d.report, 'tab-rows', i, NO_NOISE).text);
    return f;
  });
  const sum = ok(sumReports(deps, { agency: '广水市人民政府', year: 2024 }));
  const gov = structuredClone(sum.report);
  gov.sections = randomReport(11, '2021').sections;
  const good = join(tmp, 'gov-good.txt');
  writeFileSync(good, render(gov, 'tab-rows', 1, NO_NOISE).text);
  const same = xxgk(['sum', ...files, '--agency', '广水市人民政府', '--year', '2024', '--against', good]);
  assert.equal(same.code, 0, same.err);
  assert.match(same.err, /可比对的单元格都与汇总数一致/);

  const path = 'applications.granted.naturalPerson';
  setCell(gov, path, (getCell(gov, path) as number) + 3);
  const printed = render(gov, 'tab-rows', 1, NO_NOISE);
  const bad = join(tmp, 'gov-bad.txt');
  writeFileSync(bad, printed.text);
  const line = printed.text.slice(0, printed.cells.get(path)![0]).split('\n').length;
  const r = xxgk(['sum', ...files, '--agency', '广水市人民政府', '--year', '2024', '--against', bad]);
  assert.equal(r.code, 1, r.err);
  const hits = r.err.split('\n').filter((l) => l.includes('hierarchy-sum'));
  assert.equal(hits.length, 1, r.err);
  assert.match(hits[0], new RegExp(`^\\s+${line}\\s+错误\\s+第三部分「（一）予以公开」行「自然人」列：本报告为 ${getCell(gov, path)}，3 份单位报告之和为 ${getCell(sum.report, path)}.*hierarchy-sum\\s+${path.replace(/\./g, '\\.')}$`));
  // The government's report of another year is refused.
  const other = join(tmp, 'gov-2023.txt');
  writeFileSync(other, printed.text.replace(/2024/g, '2023'));
  const y = xxgk(['sum', ...files, '--agency', '广水市人民政府', '--year', '2024', '--against', other]);
  assert.equal(y.code, 2);
  assert.match(y.err, /2023 年度的报告，不能与 2024 年度的汇总比对/);
});

test('xxgk sum: DOCX or PDF to a terminal without -o is refused before reading anything', { skip: !existsSync('/usr/bin/script') }, () => {
  // `script` gives the command a terminal for stdout, as a person typing it has.
  const cmd = ['node', join(root, 'bin', 'xxgk.js'), 'sum', join(tmp, 'missing.txt'), '--agency', '广水市人民政府', '--year', '2024', '--format', 'docx'].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('/usr/bin/script', ['-qec', cmd, '/dev/null'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 2, r.stdout);
  assert.match(r.stdout, /DOCX 是二进制文件，不能输出到终端；请用 -o 指定输出文件/);
  assert.doesNotMatch(r.stdout, /missing\.txt/, 'refused before reading');
});

test('xxgk sum --help is in Chinese', () => {
  const r = xxgk(['sum', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.out, /汇总/);
  assert.match(r.out, /--against/);
});
