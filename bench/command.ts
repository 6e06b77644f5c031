// The command as a user runs it, beside the library in the same run:
//   start-up — `xxgk --help` and `xxgk check one.txt`, the minimum of several runs (hyperfine-style);
//   text     — `xxgk check DIR --format json` over N generated text reports (files in a temporary
//              folder), --jobs 1 and the default jobs, against readBytes + check file by file;
//   ceiling  — the machine's own scaling: an integer loop in one thread and in as many as the cores (bench/ceiling.ts);
//   many     — 100,000 distinct reports through `check` and `parse --format ndjson`: the peak RSS.
// Wall time and peak RSS of the spawned process (/usr/bin/time).
// Run: npm run bench:command [-- --reports N] [--many N (0: skip)]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { threadCeiling } from './ceiling.ts';
import { join } from 'node:path';
import { check, readBytes } from '../dist/engine.js';
import { GENERATED_LAYOUTS, randomReport, renderText } from '../test/generate.ts';

const arg = (name: string, dflt: number) => (process.argv.indexOf(name) > 0 ? Number(process.argv[process.argv.indexOf(name) + 1]) : dflt);
const N = arg('--reports', 10_000);
const MANY = arg('--many', 100_000);
const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'xxgk.js');
const dir = mkdtempSync(join(tmpdir(), 'xxgk-bench-'));

/** Runs the built command under /usr/bin/time: seconds, peak RSS (MB) and exit code. */
function command(args: string[]) {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', 'node', bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'] });
  const s = (performance.now() - t) / 1000;
  const rss = Number(r.stderr.trim().split('\n').at(-1)) / 1024;
  return { s, rss, code: r.status };
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

try {
  const texts = Array.from({ length: N }, (_, i) => renderText(randomReport(i, i % 4 === 3 ? '2019' : '2021'), GENERATED_LAYOUTS[i % GENERATED_LAYOUTS.length], i));
  const textDir = join(dir, 'text');
  mkdirSync(textDir);
  texts.forEach((t, i) => writeFileSync(join(textDir, `r${String(i).padStart(6, '0')}.txt`), t));
  const files = readdirSync(textDir).sort().map((f) => join(textDir, f));
  console.log(`machine: ${cpus()[0]?.model}, ${availableParallelism()} cores, node ${process.version}, load average ${loadavg()[0].toFixed(2)} at the start`);

  // Start-up, as hyperfine takes it: the minimum of several runs.
  const minOf = (runs: number, args: string[]) => Math.min(...Array.from({ length: runs }, () => command(args).s * 1000));
  const help = minOf(15, ['--help']);
  const one = minOf(15, ['check', files[0]]);
  console.log(`xxgk --help: ${help.toFixed(0)} ms (target ≤ 150); xxgk check one.txt: ${one.toFixed(0)} ms (target ≤ 400); minimum of 15 runs`);

  // The library, file by file from disk, as a script would take it: first cold, as a script meets
  // it (the engine's code is compiled and optimised over its first few thousand reports, which the
  // command pays too), then again warm (the engine's steady rate, the harder comparison).
  const libraryRate = async () => {
    const t0 = performance.now();
    for (const f of files) {
      const r = await readBytes(new Uint8Array(readFileSync(f)), f);
      if (r.ok) check(r);
    }
    return (N / (performance.now() - t0)) * 1000;
  };
  const cold = await libraryRate();
  const lib = await libraryRate();
  const rate = (args: string[]) => {
    const r = command(['check', textDir, '--format', 'json', ...args]);
    return { ...r, rate: N / r.s };
  };
  const j1 = rate(['--jobs', '1']);
  const all = rate([]);
  console.log(`text reports: ${fmt(N)} files`);
  console.log(`  library (readBytes + check, file by file): ${fmt(cold)} reports/s from a cold start, ${fmt(lib)} reports/s warm (the same files again)`);
  console.log(`  xxgk check --jobs 1: ${fmt(j1.rate)} reports/s (${(j1.rate / cold).toFixed(2)}× the library cold, ${(j1.rate / lib).toFixed(2)}× warm; targets ≥ 2,000/s and ≥ 0.9×), peak RSS ${fmt(j1.rss)} MB, exit ${j1.code}`);
  console.log(`  xxgk check (--jobs ${availableParallelism()}): ${fmt(all.rate)} reports/s (${(all.rate / j1.rate).toFixed(2)}× --jobs 1; target ≥ 1.7×), peak RSS ${fmt(all.rss)} MB, exit ${all.code}`);
  const ceiling = await threadCeiling(availableParallelism());
  console.log(`  the machine's own: ${availableParallelism()} threads of integer arithmetic at once do ${ceiling.toFixed(2)}× one alone (bench/ceiling.ts); the default jobs reached ${((all.rate / j1.rate / ceiling) * 100).toFixed(0)} % of it`);

  if (MANY > 0) {
    // Distinct reports (each one's summary is kept for carry-over pairing), written one by one.
    const manyDir = join(dir, 'many');
    mkdirSync(manyDir);
    for (let i = 0; i < MANY; i++) writeFileSync(join(manyDir, `m${String(i).padStart(6, '0')}.txt`), renderText(randomReport(N + i, i % 4 === 3 ? '2019' : '2021'), GENERATED_LAYOUTS[i % GENERATED_LAYOUTS.length], N + i));
    const c = command(['check', manyDir]);
    const p = command(['parse', manyDir, '--format', 'ndjson']);
    console.log(`${fmt(MANY)} files (target: peak RSS ≤ 300 MB):`);
    console.log(`  xxgk check DIR: ${c.s.toFixed(1)} s (${fmt(MANY / c.s)} reports/s), peak RSS ${fmt(c.rss)} MB, exit ${c.code}`);
    console.log(`  xxgk parse DIR --format ndjson: ${p.s.toFixed(1)} s (${fmt(MANY / p.s)} reports/s), peak RSS ${fmt(p.rss)} MB, exit ${p.code}`);
  }
  console.log(`load average ${loadavg()[0].toFixed(2)} at the end`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
