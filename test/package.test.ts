// The package as a script or the server meets it: `import … from 'xxgk'` resolves through the
// exports map to the built code (npm run build), with its types; `npm pack` ships only that.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from './shared.ts';

const root = join(import.meta.dirname, '..');
const built = existsSync(join(root, 'dist', 'index.js'));

/** A project elsewhere with xxgk installed (a link, as `npm install ../xxgk` makes). */
function consumer(): string {
  const dir = tempDir('consumer');
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'xxgk'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  return dir;
}

test('import { readBytes, check } from "xxgk" reads and checks a report (built code)', { skip: !built && 'dist/ 不存在：先运行 npm run build' }, () => {
  const dir = consumer();
  writeFileSync(
    join(dir, 'read.mjs'),
    `import { readFileSync } from 'node:fs';
import { readBytes, check, render, sum, reportSchema, MODEL_ID } from 'xxgk';
const file = process.argv[2];
const r = await readBytes(new Uint8Array(readFileSync(file)), file);
if (!r.ok) throw new Error(r.error);
const diagnostics = check(r);
const md = await render(r.report, 'md');
const total = sum([{ report: r.report, file }], { year: r.report.meta.year });
console.log(JSON.stringify({ model: r.report.model, id: MODEL_ID, year: r.report.meta.year, valid: reportSchema.safeParse(r.report).success,
  rules: diagnostics.map((d) => d.rule), md: typeof md, summed: total.ok, resolved: import.meta.resolve('xxgk') }));`,
  );
  const out = execFileSync('node', ['read.mjs', join(root, 'examples', 'seed-002_feb0df35534c8ae6.txt')], { cwd: dir, encoding: 'utf8' });
  const got = JSON.parse(out);
  assert.equal(got.model, 'xxgk.report/1');
  assert.equal(got.id, got.model);
  assert.equal(got.year, 2023);
  assert.equal(got.valid, true);
  assert.equal(got.md, 'string');
  assert.equal(got.summed, true);
  assert.ok(Array.isArray(got.rules));
  // The exports map points at built JavaScript, not at the sources.
  assert.match(got.resolved, /\/dist\/index\.js$/);
});

test('the package types resolve for a TypeScript user: Report, Diagnostic, SourceMap', { skip: !built && 'dist/ 不存在：先运行 npm run build' }, () => {
  const dir = consumer();
  writeFileSync(
    join(dir, 'use.ts'),
    `import { readText, type Diagnostic, type Report, type SourceMap } from 'xxgk';
const r = readText('', 'x.txt');
export const year: number | null = r.ok ? (r.report satisfies Report).meta.year : null;
export const where = (d: Diagnostic, s: SourceMap): string => d.rule + String(s === null);
// @ts-expect-error: a report's year is a number, not a string
export const wrong: string = r.ok ? r.report.meta.year : '';`,
  );
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync('node', [tsc, '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', '--typeRoots', join(root, 'node_modules', '@types'), 'use.ts'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('npm pack ships the built code, the commands, the migrations and the examples only: no sources, tests, samples or bench', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const files: string[] = JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
  const outside = files.filter((f) => !/^(dist|drizzle|examples)\//.test(f));
  assert.deepEqual(outside.sort(), ['README.md', 'bin/xxgk-server.js', 'bin/xxgk.js', 'package.json']);
  // The server applies the migrations at start and imports the examples on its first start.
  assert.ok(files.includes('drizzle/0000_init.sql') && files.includes('drizzle/meta/_journal.json'), 'the migrations');
  assert.ok(files.some((f) => /^examples\/seed-.*\.txt$/.test(f)), 'the example reports');
  assert.ok(!files.some((f) => /\.test\.|^(test|samples|bench|src)\//.test(f)), files.join('\n'));
  if (built) {
    assert.ok(files.includes('dist/index.js') && files.includes('dist/index.d.ts') && files.includes('dist/cli/main.js'));
    assert.ok(files.includes('dist/read/worker.js'), 'the reader worker is shipped');
  }
});
