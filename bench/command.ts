// The command as a user runs it, beside the library in the same run: `xxgk check DIR --format json`
// over N generated text reports (files in a temporary folder), with --jobs 1 and the default jobs;
// the wall time and the peak RSS of the spawned process (/usr/bin/time). Run: npm run bench:command [-- --reports N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, readBytes } from '../src/engine.ts';
import { GENERATED_LAYOUTS, randomReport, renderText } from '../test/generate.ts';

const arg = (name: string) => process.argv.indexOf(name);
const N = arg('--reports') > 0 ? Number(process.argv[arg('--reports') + 1]) : 10_000;
const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'xxgk-bench-'));
try {
  for (let i = 0; i < N; i++) writeFileSync(join(dir, `r${String(i).padStart(6, '0')}.txt`), renderText(randomReport(i, i % 4 === 3 ? '2019' : '2021'), GENERATED_LAYOUTS[i % GENERATED_LAYOUTS.length], i));
  const files = readdirSync(dir).sort().map((f) => join(dir, f));

  // The library, file by file from disk, as a script would take it.
  for (const f of files.slice(0, 300)) {
    const r = await readBytes(new Uint8Array(readFileSync(f)), f);
    if (r.ok) check(r);
  }
  const t0 = performance.now();
  for (const f of files) {
    const r = await readBytes(new Uint8Array(readFileSync(f)), f);
    if (r.ok) check(r);
  }
  const lib = (N / (performance.now() - t0)) * 1000;

  /** Runs the built command under /usr/bin/time: reports/s and peak RSS (MB). */
  const command = (extra: string[]) => {
    const t = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', 'node', join(root, 'bin', 'xxgk.js'), 'check', dir, '--format', 'json', ...extra], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = performance.now() - t;
    const rss = Number(r.stderr.trim().split('\n').at(-1)) / 1024;
    return { rate: (N / ms) * 1000, rss, code: r.status };
  };
  const one = command(['--jobs', '1']);
  const all = command([]);
  console.log(`machine: ${cpus()[0]?.model}, ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(2)} (shared with other work)`);
  console.log(`library (readBytes + check, file by file): ${lib.toFixed(0)} reports/s`);
  console.log(`command --jobs 1: ${one.rate.toFixed(0)} reports/s (${(one.rate / lib).toFixed(2)}× the library; target ≥ 2,000 and ≥ 0.9×), peak RSS ${one.rss.toFixed(0)} MB, exit ${one.code}`);
  console.log(`command --jobs ${availableParallelism()}: ${all.rate.toFixed(0)} reports/s (${(all.rate / one.rate).toFixed(2)}× --jobs 1; target ≥ 1.7×), peak RSS ${all.rss.toFixed(0)} MB, exit ${all.code}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
