// One of each: what was written twice is written once, and every road takes it from there — the
// checks (check), the reasons a file cannot be read or written, --year, and when two reports are
// the same agency's.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readInputBytes } from '../src/batch/bytes.ts';
import { carrySummary } from '../src/check/rules/carry-over.ts';
import * as checks from '../src/check/index.ts';
import * as engine from '../src/engine.ts';
import * as library from '../src/index.ts';
import { agencyKey } from '../src/model/agency.ts';
import { sumReports } from '../src/sum/index.ts';
import { readReason, writeReason } from '../src/util/errno.ts';
import { CLEAN_REPORT, CLEAN_REPORT_2023, readClean } from './rule-fixtures.ts';
import { tempDir } from './shared.ts';

const root = join(import.meta.dirname, '..');
const tmp = tempDir('one');
const xxgk = (args: string[]) => spawnSync('node', [join(root, 'bin', 'xxgk.js'), ...args], { cwd: tmp, encoding: 'utf8', timeout: 60_000 });
const read = (text: string, file: string) => readClean(text, file, assert.fail);

test('one check: the library, the engine and the checks export the same function, which returns the diagnostics and leaves them on the report', () => {
  assert.equal(library.check, checks.check);
  assert.equal(engine.check, checks.check);
  const r = read(CLEAN_REPORT.replace('行政许可\t120', '行政许可\t若干'), 'a.txt');
  r.report.diagnostics = [];
  const found = checks.check(r, [], { rules: ['bad-number'] });
  assert.equal(found.length, 1);
  assert.equal(r.report.diagnostics, found);
});

test('one table of errno reasons, for reading and for writing, in Chinese whatever the code', async () => {
  const err = (code: string) => Object.assign(new Error('English'), { code });
  assert.equal(readReason(err('ENOENT')), '文件不存在');
  assert.equal(writeReason(err('ENOENT')), '无法写入（目录不存在）');
  assert.equal(readReason(err('EACCES')), '没有读取权限');
  assert.equal(writeReason(err('EPERM')), '无法写入（没有写入权限）');
  assert.equal(writeReason(err('ENOSPC')), '无法写入（磁盘空间不足）');
  assert.equal(readReason(err('EIO')), '无法读取（EIO）');
  assert.equal(writeReason(new Error('no code')), '无法写入（未知原因）');
  // The batch road's reader, the command's arguments and its output file all say it the same way.
  assert.deepEqual(await readInputBytes(join(tmp, 'missing.txt')), { error: '文件不存在' });
  const notDir = join(tmp, 'plain.txt');
  writeFileSync(notDir, 'x');
  assert.match(xxgk(['check', join(notDir, 'x.txt')]).stderr, /plain\.txt\/x\.txt: 路径中有一段不是目录/);
  assert.match(xxgk(['new', '-a', '广水市科技经信局', '-y', '2024', '-o', join(tmp, 'no-such-dir', 'x.md')]).stderr, /x\.md: 无法写入（目录不存在）/);
});

test('one --year: new and sum refuse the same values with the same line', () => {
  for (const year of [undefined, '二〇二四', '2024.5', '2017', String(new Date().getFullYear() + 1)]) {
    const y = year === undefined ? [] : ['--year', year];
    const made = xxgk(['new', '-a', '广水市科技经信局', ...y]);
    const summed = xxgk(['sum', join(root, 'examples'), '--agency', '广水市人民政府', ...y]);
    assert.equal(made.status, 2);
    assert.equal(summed.status, 2);
    assert.match(made.stderr, /^xxgk: (缺少 --year|--year )/);
    assert.equal(summed.stderr, made.stderr, `--year ${year}`);
  }
});

test('one rule for the same agency: carry-over pairs and sum counts twice the names that differ only in spaces or width', () => {
  for (const [a, b] of [['广水市科技经信局', '广水市 科技经信局'], ['ＸＸ县（区）教育局', 'XX县(区)教育局']]) {
    assert.equal(agencyKey(a), agencyKey(b));
    const now = read(CLEAN_REPORT, '2024.txt');
    const before = read(CLEAN_REPORT_2023, '2023.txt');
    now.report.meta.agency = a;
    before.report.meta.agency = b;
    assert.equal(carrySummary(now)!.agency, carrySummary(before)!.agency);
    const other = structuredClone(now.report);
    other.meta.agency = b;
    const sum = sumReports([{ file: 'a.txt', report: now.report }, { file: 'b.txt', report: other }], { agency: '广水市人民政府', year: 2024 });
    assert.ok(sum.ok && sum.findings.some((f) => f.kind === 'sum-duplicate'), `${a} and ${b} are one agency given twice`);
  }
  assert.notEqual(agencyKey('广水市科技经信局'), agencyKey('广水市教育局'));
  assert.equal(agencyKey(null), '');
});
