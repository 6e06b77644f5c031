// `xxgk new` and `xxgk render` as a clerk runs them: a blank report for an agency and a year,
// rendered into every text format and read back; the format from -o's extension; every mistake one
// Chinese line on stderr with exit 2, no stack trace; help in Chinese.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { getCell, setCell } from '../src/model/paths.ts';
import type { Report } from '../src/model/report.ts';
import { reportSchema } from '../src/model/schema.ts';
import { cellsOf, templateFor } from '../src/template/index.ts';
import { seedPath, tempDir } from './shared.ts';

const root = join(import.meta.dirname, '..');
const seed = seedPath;
const tmp = tempDir('cli-write');
const at = (name: string) => join(tmp, name);

function xxgk(args: string[], input?: string | Buffer) {
  const r = spawnSync('node', [join(root, 'bin', 'xxgk.js'), ...args], { cwd: tmp, input, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const noStack = (err: string) => assert.doesNotMatch(err, /\n\s+at |Error:|TypeError|undefined/, 'no stack trace');
/** One line on stderr, in Chinese, matching `re`. */
function oneLine(r: { code: number | null; err: string }, re: RegExp) {
  assert.equal(r.code, 2, r.err);
  const lines = r.err.trim().split('\n');
  assert.equal(lines.length, 1, r.err);
  assert.match(lines[0], /^xxgk: .*[\u4e00-\u9fff]/);
  assert.match(lines[0], re);
  noStack(r.err);
}
const squeeze = (s: string) => s.replace(/\s+/g, '');

const AGENCY = '广水市科技经信局';

test('new: a blank report as model JSON on stdout — meta, region from the agency, every cell null, six sections with drafts', () => {
  const r = xxgk(['new', '--agency', AGENCY, '--year', '2025']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  const model = reportSchema.parse(JSON.parse(r.out)) as unknown as Report;
  assert.equal(model.template, '2021');
  assert.deepEqual(model.meta, {
    title: `2025年${AGENCY}政府信息公开工作年度报告`,
    agency: AGENCY,
    year: 2025,
    region: { code: '421381', name: '广水市', province: '湖北省', prefecture: '随州市' },
    reviewer: null,
  });
  for (const c of cellsOf(templateFor('2021'))) assert.equal(getCell(model, c.path), null, c.path);
  assert.deepEqual(model.sections.map((s) => s.heading), templateFor('2021').sections.map((s) => `${s.numeral}、${s.title.official}`));
  assert.match(model.sections[0].text, /本年度共收到政府信息公开申请____件/);
  assert.match(model.sections[4].text, /存在的主要问题：_+/);
  assert.match(model.sections[5].text, /信息处理费____元/);
  assert.deepEqual([model.sections[1].text, model.sections[2].text, model.sections[3].text], ['', '', '']);
  assert.deepEqual(model.diagnostics, []);
});

test('new: the template follows the year (2020 → 2019 format) unless --template says otherwise; an unknown agency has no region', () => {
  const old = JSON.parse(xxgk(['new', '-a', '中牟县科技工信局', '-y', '2020']).out);
  assert.equal(old.template, '2019');
  assert.equal(old.meta.region.code, '410122');
  const forced = xxgk(['new', '-a', '某某局', '-y', '2024', '--template', '2019']);
  assert.equal(forced.code, 0, forced.err);
  assert.equal(JSON.parse(forced.out).template, '2019');
  assert.match(forced.err, /2021 版/);
  assert.match(forced.err, /行政区划/);
  assert.equal(JSON.parse(forced.out).meta.region, null);
});

test('new --from: last year\'s 结转下年度 become this year\'s 上年结转; agency and year follow it; a blank figure stays blank and is said', () => {
  const last = JSON.parse(xxgk(['parse', seed('000')]).out) as Report;
  const cols = templateFor('2021').applications.columns.map((c) => c.key);
  cols.forEach((c, i) => setCell(last, `applications.carriedForward.${c}`, i === 1 ? null : i + 3));
  setCell(last, 'applications.received.naturalPerson', 41);
  const file = at('last.json');
  writeFileSync(file, JSON.stringify(last));
  const r = xxgk(['new', '--from', file]);
  assert.equal(r.code, 0, r.err);
  const made = JSON.parse(r.out) as Report;
  assert.equal(made.meta.agency, last.meta.agency);
  assert.equal(made.meta.year, last.meta.year! + 1);
  cols.forEach((c, i) => assert.equal(getCell(made, `applications.carriedOver.${c}`), i === 1 ? null : i + 3, c));
  // Nothing else is carried: this year's applications are this year's.
  assert.equal(getCell(made, 'applications.received.naturalPerson'), null);
  assert.equal(getCell(made, 'applications.carriedForward.naturalPerson'), null);
  assert.match(r.err, /结转下年度继续办理.*未填写/);
  // The year can be given, and a year that is not the one after is said.
  const later = xxgk(['new', '--from', file, '--year', String(last.meta.year! + 2)]);
  assert.equal(later.code, 0, later.err);
  assert.match(later.err, /不是上一年度/);
  oneLine(xxgk(['new', '--from', at('none.json')]), /none\.json.*不存在/);
});

test('new → render → parse: json → md and html read back with the same meta, cells (all null) and drafted sections', () => {
  const json = at('new.json');
  const made = xxgk(['new', '--agency', AGENCY, '--year', '2024', '-o', json]);
  assert.equal(made.code, 0, made.err);
  assert.match(made.err, /已写入/);
  const want = JSON.parse(readFileSync(json, 'utf8')) as Report;
  for (const to of ['md', 'html'] as const) {
    const out = at(`new.${to}`);
    const r = xxgk(['render', json, '--to', to, '-o', out]);
    assert.equal(r.code, 0, r.err);
    const back = xxgk(['parse', out]);
    assert.equal(back.code, 0, back.err);
    const got = JSON.parse(back.out) as Report;
    assert.equal(got.template, want.template, to);
    assert.deepEqual({ ...got.meta }, { ...want.meta }, to);
    for (const c of cellsOf(templateFor(want.template))) assert.equal(getCell(got, c.path), null, `${to}: ${c.path} stays null`);
    assert.deepEqual(got.sections.map((s) => [s.no, squeeze(s.heading), squeeze(s.text)]), want.sections.map((s) => [s.no, squeeze(s.heading), squeeze(s.text)]), to);
  }
});

test('render: a report with figures, text → json → md / html → parse gives the same cells as parsing the text', () => {
  const direct = JSON.parse(xxgk(['parse', seed('002')]).out) as Report;
  const json = at('002.json');
  const r = xxgk(['render', seed('002'), '-o', json]);
  assert.equal(r.code, 0, r.err);
  // render --to json is what parse prints, diagnostics included.
  assert.deepEqual(JSON.parse(readFileSync(json, 'utf8')), direct);
  for (const to of ['md', 'html'] as const) {
    const rendered = xxgk(['render', json, '--to', to]);
    assert.equal(rendered.code, 0, rendered.err);
    const back = JSON.parse(xxgk(['parse', '-'], rendered.out).out) as Report;
    for (const c of cellsOf(templateFor(direct.template))) assert.equal(getCell(back, c.path), getCell(direct, c.path), `${to}: ${c.path}`);
    assert.equal(back.meta.agency, direct.meta.agency);
  }
});

test('render reads standard input (-), a model piped from parse; --draft fills empty narrative sections only', () => {
  const parsed = xxgk(['parse', seed('002')]).out;
  const md = xxgk(['render', '-', '--to', 'md'], parsed);
  assert.equal(md.code, 0, md.err);
  assert.match(md.out, /^# /);
  const model = JSON.parse(parsed) as Report;
  model.sections = model.sections.map((s) => (s.no === 5 ? { ...s, text: '' } : s));
  const drafted = JSON.parse(xxgk(['render', '-', '--to', 'json', '--draft'], JSON.stringify(model)).out) as Report;
  assert.match(drafted.sections.find((s) => s.no === 5)!.text, /存在的主要问题：_+/);
  assert.equal(drafted.sections[0].text, model.sections[0].text, 'section 一 had text: kept');
});

test('-o picks the format from its extension; --to and the extension must agree; an existing file is kept without --force', () => {
  assert.equal(xxgk(['new', '-a', AGENCY, '-y', '2025', '-o', at('2025.html')]).code, 0);
  assert.match(readFileSync(at('2025.html'), 'utf8'), /^<!DOCTYPE html>/);
  assert.equal(xxgk(['new', '-a', AGENCY, '-y', '2025', '-o', at('2025.md')]).code, 0);
  assert.match(readFileSync(at('2025.md'), 'utf8'), /^# 2025年广水市科技经信局政府信息公开工作年度报告/);
  oneLine(xxgk(['new', '-a', AGENCY, '-y', '2025', '--to', 'pdf', '-o', at('x.docx')]), /扩展名/);
  const before = readFileSync(at('2025.md'), 'utf8');
  oneLine(xxgk(['new', '-a', '中牟县科技工信局', '-y', '2025', '-o', at('2025.md')]), /已存在.*--force/);
  assert.equal(readFileSync(at('2025.md'), 'utf8'), before);
  assert.equal(xxgk(['new', '-a', '中牟县科技工信局', '-y', '2025', '-o', at('2025.md'), '--force']).code, 0);
  assert.match(readFileSync(at('2025.md'), 'utf8'), /中牟县科技工信局/);
  oneLine(xxgk(['render', at('2025.md')]), /--to/);
  oneLine(xxgk(['render', at('2025.md'), '-o', at('out.txt')]), /--to/);
  oneLine(xxgk(['render', at('2025.md'), '-o', at('2025.md')]), /输入文件/);
  oneLine(xxgk(['render', at('2025.md'), '--to', 'xlsx']), /不支持的格式/);
  oneLine(xxgk(['render', at('2025.md'), '--to', 'md', '-o', join(tmp, 'no-such-dir', 'x.md')]), /无法写入/);
});

test('new: missing or bad arguments are one line and exit 2', () => {
  oneLine(xxgk(['new', '--year', '2025']), /缺少 --agency/);
  oneLine(xxgk(['new', '--agency', '  ', '--year', '2025']), /缺少 --agency/);
  oneLine(xxgk(['new', '--agency', AGENCY]), /缺少 --year/);
  oneLine(xxgk(['new', '--agency', AGENCY, '--year', '二〇二五']), /不是年份/);
  oneLine(xxgk(['new', '--agency', AGENCY, '--year', '2025.5']), /不是年份/);
  oneLine(xxgk(['new', '--agency', AGENCY, '--year', '2017']), /2019/);
  oneLine(xxgk(['new', '--agency', AGENCY, '--year', String(new Date().getFullYear() + 1)]), /不能晚于今年/);
  oneLine(xxgk(['new', '--agency', AGENCY, '--year', '2025', '--template', '2020']), /2021 和 2019/);
  oneLine(xxgk(['new', '--agency', AGENCY, '--year', '2025', '--to', 'txt']), /不支持的格式/);
});

test('render: an unreadable file, invalid JSON and a JSON that is not a model are one line naming the problem, exit 2', () => {
  oneLine(xxgk(['render', at('missing.json'), '--to', 'md']), /missing\.json: 文件不存在/);
  oneLine(xxgk(['render', '--to', 'md']), /缺少要转换的报告文件/);
  writeFileSync(at('broken.json'), '{"model": "xxgk.report/1", "template": ');
  oneLine(xxgk(['render', at('broken.json'), '--to', 'md']), /broken\.json: 不是有效的 JSON/);
  writeFileSync(at('other.json'), JSON.stringify({ name: 'package', version: '1.0.0' }));
  oneLine(xxgk(['render', at('other.json'), '--to', 'md']), /other\.json: 不是报告模型：键 model 应为 "xxgk\.report\/1"，实为缺失/);
  const model = JSON.parse(xxgk(['new', '-a', AGENCY, '-y', '2025']).out);
  const bad = (name: string, edit: (m: Record<string, any>) => void, re: RegExp) => {
    const m = structuredClone(model);
    edit(m);
    writeFileSync(at(name), JSON.stringify(m));
    oneLine(xxgk(['render', at(name), '--to', 'md']), re);
  };
  bad('year.json', (m) => (m.meta.year = '2025'), /键 meta\.year 应为数字或 null，实为字符串/);
  bad('cell.json', (m) => (m.applications.denied.stateSecret.total = '3'), /键 applications\.denied\.stateSecret\.total 应为数字或 null/);
  bad('template.json', (m) => (m.template = '2020'), /键 template 应为 "2021" 或 "2019"/);
  bad('extra.json', (m) => (m.active.extra = {}), /active 中有模型没有的键 「extra」/);
  bad('missing.json', (m) => delete m.reviews, /缺少键 reviews/);
  writeFileSync(at('two.json'), JSON.stringify([model, model]));
  oneLine(xxgk(['render', at('two.json'), '--to', 'md']), /2 份报告/);
  // A one-report array (as parse prints several files) and a model without diagnostics are accepted.
  const { diagnostics: _, ...lean } = model;
  writeFileSync(at('one.json'), JSON.stringify([lean]));
  assert.equal(xxgk(['render', at('one.json'), '--to', 'md']).code, 0);
  // check reads model JSON too: its blank cells are what it finds (errors: exit 1).
  const checked = xxgk(['check', at('one.json'), '--format', 'json']);
  assert.equal(checked.code, 1, checked.err);
  assert.ok(JSON.parse(checked.out)[0].diagnostics.some((d: { rule: string }) => d.rule === 'blank-cell'));
});

test('render to DOCX / PDF: written to -o (or a clear line while a writer is not ready), never a stack trace', () => {
  for (const to of ['docx', 'pdf'] as const) {
    const out = at(`r.${to}`);
    const r = xxgk(['render', seed('002'), '-o', out]);
    noStack(r.err);
    if (r.code === 0) {
      const head = readFileSync(out).subarray(0, 4).toString('latin1');
      assert.equal(head, to === 'docx' ? 'PK\x03\x04' : '%PDF');
    } else {
      oneLine(r, new RegExp(`生成 ${to.toUpperCase()} 失败`));
      assert.ok(!existsSync(out));
    }
  }
});

test('DOCX / PDF are never written to a terminal: one line saying to use -o', { skip: !existsSync('/usr/bin/script') && 'needs script(1) for a terminal' }, () => {
  for (const to of ['docx', 'pdf']) {
    // script(1) gives the command a terminal as its standard output.
    const cmd = `node ${join(root, 'bin', 'xxgk.js')} new -a 某某县教育局 -y 2024 --to ${to}; echo "exit=$?"`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: tmp, encoding: 'utf8', timeout: 60_000 });
    assert.match(r.stdout, new RegExp(`${to.toUpperCase()} 是二进制文件，不能输出到终端；请用 -o`));
    assert.match(r.stdout, /exit=2/);
    assert.doesNotMatch(r.stdout, /PK\x03\x04|%PDF/);
  }
});

test('--help of new and render is in Chinese, Commander\'s own words too', () => {
  for (const cmd of ['new', 'render']) {
    const r = xxgk([cmd, '--help']);
    assert.equal(r.code, 0);
    assert.match(r.out, /^用法： xxgk /);
    assert.match(r.out, /选项：/);
    assert.match(r.out, /示例：/);
    assert.doesNotMatch(r.out, /Usage:|Options:|choices|default:/);
  }
  assert.match(xxgk(['--help']).out, /new[\s\S]*render/);
});

test('--force wherever a file is written: new, render and sum refuse to overwrite -o without it, and overwrite with it', () => {
  const json = at('force-source.json');
  assert.equal(xxgk(['new', '-a', AGENCY, '-y', '2024', '-o', json]).code, 0);
  const runs: Record<string, (out: string) => string[]> = {
    new: (out) => ['new', '-a', AGENCY, '-y', '2024', '-o', out],
    render: (out) => ['render', json, '-o', out],
    sum: (out) => ['sum', json, '--agency', '广水市人民政府', '--year', '2024', '-o', out],
  };
  for (const [cmd, args] of Object.entries(runs)) {
    const out = at(`force-${cmd}.md`);
    writeFileSync(out, 'kept\n');
    const refused = xxgk(args(out));
    assert.equal(refused.code, 2, `${cmd}: ${refused.err}`);
    assert.match(refused.err, new RegExp(`${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} 已存在；用 --force 覆盖`), cmd);
    noStack(refused.err);
    assert.equal(readFileSync(out, 'utf8'), 'kept\n', `${cmd}: the file is kept`);
    const forced = xxgk([...args(out), '--force']);
    assert.ok(forced.code === 0 || forced.code === 1, `${cmd} --force: ${forced.err}`);
    assert.match(readFileSync(out, 'utf8'), /^# 2024年/, `${cmd} --force: the file is overwritten`);
    assert.match(xxgk([cmd, '--help']).out, /--force\s+输出文件已存在时覆盖/, `${cmd} --help names --force`);
  }
});

test('the commands that write a report take the same options, spelt the same: -a/--agency, -y/--year, --template, -t/--to, -o/--output, --force', () => {
  const help = (cmd: string) => xxgk([cmd, '--help']).out;
  const terms = (cmd: string) => new Set([...help(cmd).matchAll(/^  (-\S+, )?--[a-z-]+(?: <[^>]+>)?/gm)].map((m) => m[0].trim()));
  const [made, rendered, summed] = ['new', 'render', 'sum'].map(terms);
  for (const t of ['-t, --to <格式>', '-o, --output <文件>', '--force']) for (const [cmd, set] of [['new', made], ['render', rendered], ['sum', summed]] as const) assert.ok(set.has(t), `${cmd} has ${t}`);
  for (const t of ['-a, --agency <机关>', '-y, --year <年度>', '--template <版本>']) {
    assert.ok(made.has(t), `new has ${t}`);
    assert.ok(summed.has(t), `sum has ${t}`);
  }
  // sum with the short spellings and --to, as new takes them; its earlier --format still works.
  const json = at('same-options.json');
  assert.equal(xxgk(['new', '-a', AGENCY, '-y', '2024', '-o', json, '--force']).code, 0);
  const md = xxgk(['sum', json, '-a', '广水市人民政府', '-y', '2024', '-t', 'md']);
  assert.ok(md.code === 0 || md.code === 1, md.err);
  assert.match(md.out, /^# 2024年广水市人民政府/);
  assert.equal(xxgk(['sum', json, '-a', '广水市人民政府', '-y', '2024', '--format', 'md']).out, md.out);
  // As in render: --to and the extension of -o must agree; an unknown template is refused in Chinese.
  oneLine(xxgk(['sum', json, '-a', '广水市人民政府', '-y', '2024', '--to', 'md', '-o', at('x.html')]), /与输出文件 .*x\.html 的扩展名 \.html 不符/);
  oneLine(xxgk(['sum', json, '-a', '广水市人民政府', '-y', '2024', '--template', '2020']), /只有 2021 和 2019 两版格式/);
});
