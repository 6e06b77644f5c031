// The `xxgk` command as a user runs it: exit codes, stdout for data, one line on stderr per problem.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import stringWidth from 'string-width';
import { EXAMPLES, seedPath, tempDir } from './shared.ts';

const root = join(import.meta.dirname, '..');
const seedDir = EXAMPLES;
const seed = seedPath;
const tmp = tempDir('cli');

function xxgk(args: string[], input?: string | Buffer) {
  const r = spawnSync('node', [join(root, 'bin', 'xxgk.js'), ...args], { cwd: root, input, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const noStack = (err: string) => assert.doesNotMatch(err, /\n\s+at |Error:/, 'no stack trace');

test('parse prints one JSON report per file given, with its diagnostics', () => {
  const r = xxgk(['parse', seed('000')]);
  assert.equal(r.code, 0, r.err);
  const model = JSON.parse(r.out);
  assert.equal(model.model, 'xxgk.report/1');
  assert.equal(model.meta.year, 2024);
  assert.ok(model.diagnostics.some((d: { rule: string }) => d.rule === 'heading-numbering'));
});

test('parse of a directory and of a glob; ndjson gives a line per report', () => {
  const dir = xxgk(['parse', seedDir, '--format', 'ndjson']);
  assert.equal(dir.code, 0, dir.err);
  assert.equal(dir.out.trim().split('\n').length, 5);
  const glob = xxgk(['parse', join(seedDir, 'seed-00[12]*.txt'), '--format', 'json']);
  assert.equal(JSON.parse(glob.out).length, 2);
});

test('parse --format csv, md and html', () => {
  const csv = xxgk(['parse', seed('002'), '--format', 'csv']);
  assert.equal(csv.out.trim().split('\n').length, 1 + 200);
  assert.match(xxgk(['parse', seed('002'), '--format', 'md']).out, /\| 一、本年新收政府信息公开申请数量 \| 0 \|/);
  assert.match(xxgk(['parse', seed('002'), '--format', 'html']).out, /<th scope="colgroup" colspan="3" rowspan="3">/);
});

test('standard input as -', () => {
  const r = xxgk(['parse', '-'], readFileSync(seed('004'), 'utf8'));
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.parse(r.out).meta.region.code, '652700');
});

test('check exits 0 without errors, 1 with an error, 2 when an input cannot be read', () => {
  assert.equal(xxgk(['check', seed('002')]).code, 0);
  const broken = join(tmp, 'broken.txt');
  writeFileSync(broken, readFileSync(seed('002'), 'utf8').replace(/^(一、本年新收政府信息公开申请数量\t\t)0/m, '$13'));
  const r = xxgk(['check', broken]);
  assert.equal(r.code, 1);
  assert.match(r.out, /s3-row-total/);
  assert.match(r.out, /共 \d+ 个问题（\d+ 个错误/);
  const empty = join(tmp, 'empty.txt');
  writeFileSync(empty, '');
  const e = xxgk(['check', empty, seed('002')]);
  assert.equal(e.code, 2);
  assert.equal(e.err.trim().split('\n').length, 1);
  assert.match(e.err, /empty\.txt: 文件为空/);
  noStack(e.err);
});

test('--max-warnings turns warnings into a failure; --format json', () => {
  assert.equal(xxgk(['check', seed('000'), '--max-warnings', '0']).code, 1);
  assert.equal(xxgk(['check', seed('000'), '--max-warnings', '5']).code, 0);
  const json = JSON.parse(xxgk(['check', seed('000'), '--format', 'json']).out);
  assert.equal(json[0].diagnostics[0].rule, 'heading-numbering');
});

test('bad inputs: binary, a zip that is no document, not a report, missing; each one line, no stack trace, the others still read', () => {
  const bin = join(tmp, 'random.bin');
  writeFileSync(bin, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  const zip = join(tmp, 'data.zip');
  writeFileSync(zip, Buffer.from('PK\x03\x04 not really a zip'));
  const notice = join(tmp, 'notice.txt');
  writeFileSync(notice, '关于召开会议的通知\n请各单位准时参加。\n');
  const r = xxgk(['parse', bin, zip, notice, join(tmp, 'missing.txt'), seed('002')]);
  assert.equal(r.code, 2);
  const lines = r.err.trim().split('\n');
  assert.equal(lines.length, 4, r.err);
  assert.match(r.err, /random\.bin: 不是文本文件/);
  assert.match(r.err, /data\.zip: .*ZIP/);
  assert.match(r.err, /notice\.txt: 未找到年度报告/);
  assert.match(r.err, /missing\.txt: 文件不存在/);
  noStack(r.err);
  assert.equal(JSON.parse(r.out).meta.agency, '中牟县科技工信局');
});

test('a report saved in GB18030 (GBK) reads exactly like UTF-8', () => {
  const gbk = join(tmp, 'gbk.txt');
  writeFileSync(gbk, iconv.encode(readFileSync(seed('003'), 'utf8'), 'gb18030'));
  const a = JSON.parse(xxgk(['parse', gbk]).out);
  const b = JSON.parse(xxgk(['parse', seed('003')]).out);
  assert.deepEqual(a.applications, b.applications);
  assert.deepEqual(a.active, b.active);
  assert.equal(a.meta.title, b.meta.title);
});

/** The items of a help text's blocks (选项：, 参数：, 命令：): for each, the column its description starts at. */
function helpColumns(help: string): { block: string; columns: number[] }[] {
  const blocks: { block: string; columns: number[] }[] = [];
  let current: { block: string; columns: number[] } | null = null;
  for (const line of help.split('\n')) {
    if (/^(选项|参数|命令|全局选项)：$/.test(line)) blocks.push((current = { block: line, columns: [] }));
    else if (line === '' || !line.startsWith('  ')) current = null;
    else if (current) {
      // An item `  term  description`, or a wrapped line of a description, indented to its column.
      const m = /^(  \S.*?\s{2,})\S/.exec(line) ?? /^(\s+)\S/.exec(line);
      current.columns.push(stringWidth(m![1]));
    }
  }
  return blocks;
}

test('help in Chinese for every command, `xxgk help X` the same as `xxgk X --help`, its columns aligned and within 80 columns', () => {
  const top = xxgk(['--help']);
  assert.equal(top.code, 0);
  const commands = [...top.out.split('命令：\n')[1].matchAll(/^  ([a-z]+)/gm)].map((m) => m[1]).filter((c) => c !== 'help');
  assert.deepEqual(commands, ['parse', 'check', 'schema', 'new', 'render', 'sum', 'serve', 'import', 'backup', 'restore', 'worker']);
  for (const help of [top.out, ...commands.map((c) => xxgk([c, '--help']).out)]) {
    assert.match(help, /^用法： xxgk/);
    // Commander's own English never shows: titles, placeholders, choices and defaults are Chinese.
    assert.doesNotMatch(help, /Usage:|Options:|Arguments:|Commands:|\[options\]|\[command\]|choices|default/);
    const blocks = helpColumns(help);
    assert.ok(blocks.length >= 1);
    for (const { block, columns } of blocks) assert.equal(new Set(columns).size, 1, `${block} descriptions start in one column: ${columns.join(',')}\n${help}`);
    for (const line of help.split('\n')) assert.ok(stringWidth(line) <= 80, `wider than 80 columns: ${line}`);
    // A line breaks between Chinese characters, never before ，。） nor after （.
    assert.doesNotMatch(help, /\n\s*[，。、；：）」]|[（「]\n/);
  }
  for (const c of commands) assert.equal(xxgk(['help', c]).out, xxgk([c, '--help']).out, c);
  const schema = JSON.parse(xxgk(['schema']).out);
  assert.ok(schema.anyOf || schema.oneOf);
});

test('parse output piped into a closed pipe does not crash', () => {
  const r = spawnSync('sh', ['-c', `node ${join(root, 'bin', 'xxgk.js')} parse ${seedDir} --format ndjson | head -c 10 > /dev/null; echo "exit=\${PIPESTATUS:-0}"`], { encoding: 'utf8' });
  assert.doesNotMatch(r.stderr, /EPIPE|Error/);
});

test('usage mistakes: one line in Chinese and exit 2 (1 means errors were found), help and version 0', () => {
  const cases: [string[], RegExp][] = [
    [['parse', '--bogus'], /^xxgk: 未知选项 --bogus$/m],
    [['frobnicate'], /^xxgk: 未知命令 frobnicate$/m],
    [['parse', '--format', 'xx', seed('000')], /^xxgk: 选项 -f, --format <格式> 的值「xx」无效，可选：json/m],
    [['check', '--max-warnings', '-1', seed('000')], /^xxgk: 选项 --max-warnings <数量> 的值「-1」无效：须为非负整数$/m],
    [['check', '--max-warnings'], /^xxgk: 选项 --max-warnings <数量> 缺少参数值$/m],
    [['check', '--rule', 's3-row-totl', seed('000')], /^xxgk: 未知规则 s3-row-totl；可用的规则：.*s3-row-total/m],
  ];
  for (const [args, message] of cases) {
    const r = xxgk(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, message, args.join(' '));
    assert.doesNotMatch(r.err, /error:|unknown|invalid/i, args.join(' '));
    assert.equal(r.out, '');
    noStack(r.err);
  }
  for (const args of [['--help'], ['-V'], ['check', '--help']]) assert.equal(xxgk(args).code, 0, args.join(' '));
  // The version is package.json's.
  assert.equal(xxgk(['-V']).out.trim(), JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  // A known --rule runs that rule only.
  const only = (...rules: string[]) => {
    const r = xxgk(['check', ...rules.flatMap((id) => ['--rule', id]), '--format', 'json', seed('000')]);
    return [...new Set(JSON.parse(r.out)[0].diagnostics.map((d: { rule: string }) => d.rule))].sort();
  };
  assert.deepEqual(only('heading-numbering'), ['heading-numbering']);
  // A rule id is a whole id, not a part of one (`heading` is no rule); repeated or comma-separated.
  assert.equal(xxgk(['check', '--rule', 'heading', seed('000')]).code, 2);
  assert.deepEqual(only('heading-numbering', 'missing-title'), only('heading-numbering,missing-title'));
});

test('check and parse with no file on a terminal print their help (exit 2) instead of waiting on the keyboard', { skip: !existsSync('/usr/bin/script') && 'needs script(1) for a terminal' }, () => {
  for (const cmd of ['check', 'parse']) {
    // script(1) gives the command a terminal as its standard input; without the fix it waits until the timeout.
    const r = spawnSync('script', ['-qec', `node ${join(root, 'bin', 'xxgk.js')} ${cmd}; echo "exit=$?"`, '/dev/null'], { cwd: root, encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.error, undefined, `${cmd} did not wait on the terminal`);
    assert.match(r.stdout, new RegExp(`没有给出要(检查|读取)的报告文件[\\s\\S]*用法： xxgk ${cmd} \\[选项\\] \\[文件...\\]`), cmd);
    assert.match(r.stdout, /exit=2/, cmd);
  }
  // Piped, an empty standard input is read as before: one line saying it is empty.
  const piped = xxgk(['check'], '');
  assert.equal(piped.code, 2);
  assert.match(piped.err, /-: 文件为空/);
});
