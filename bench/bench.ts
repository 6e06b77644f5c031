// Reading and checking speed on one core: ≥ 10,000 generated text reports in mixed layouts,
// through the public road (readText + check) of the built code (dist/, as the command runs it), in one loop in this process.
// Target: ≥ 2,000 reports/s. Run: npm run bench [-- --reports N] [--no-stages] [--profile out.cpuprofile]
// (--profile records a CPU profile of the timed loop only, without the generation.)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { runChecks } from '../dist/check/index.js';
import { check, readText } from '../dist/engine.js';
import { mapDocument } from '../dist/map/index.js';
import { readTextDocument } from '../dist/read/text/index.js';
import { toSimplified } from '../dist/util/chinese.js';
import { GENERATED_LAYOUTS, randomReport, renderText } from '../test/generate.ts';

const arg = (name: string) => process.argv.indexOf(name);
const N = arg('--reports') > 0 ? Number(process.argv[arg('--reports') + 1]) : 10_000;
const STAGES = arg('--no-stages') < 0;
const PROFILE = arg('--profile') > 0 ? process.argv[arg('--profile') + 1] : null;
const TARGET = 2000;
const MB = 1048576;

let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));

// Generated up front, not timed: every layout in turn, one in four on the 2019 format, the
// generator's noise (Traditional characters in about one in ten, page numbers, 1,234, ㈠…).
console.log(`generating ${N.toLocaleString('en-US')} reports…`);
const texts: string[] = [];
for (let i = 0; i < N; i++) texts.push(renderText(randomReport(i, i % 4 === 3 ? '2019' : '2021'), GENERATED_LAYOUTS[i % GENERATED_LAYOUTS.length], i));
const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
const rssBefore = process.memoryUsage().rss;

// Warm up the lazy indexes and the JIT on reports that are not timed.
for (let i = 0; i < 300; i++) {
  const r = readText(texts[i], 'warm.txt');
  if (r.ok) check(r);
}

// The headline figure: the public road, as the CLI takes it.
let failed = 0;
const byRule = new Map<string, number>();
const session = PROFILE ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const r = readText(texts[i], 'bench.txt');
  if (!r.ok) failed++;
  else for (const d of check(r)) byRule.set(d.rule, (byRule.get(d.rule) ?? 0) + 1);
  if ((i & 255) === 0) sample();
}
const ms = performance.now() - t0;
if (session && PROFILE) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(PROFILE, JSON.stringify(profile));
  session.disconnect();
}
sample();
const rate = (N / ms) * 1000;

const cpu = cpus()[0]?.model ?? 'unknown CPU';
// The load average says whether other work shared the machine (figures are per core, so a load
// above the core count slows them).
console.log(`machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, ${platform()} ${release()}, node ${process.version}, load average ${loadavg()[0].toFixed(2)}`);
console.log(`input: ${N.toLocaleString('en-US')} reports, ${(bytes / MB).toFixed(1)} MB, layouts ${GENERATED_LAYOUTS.join(', ')}`);
console.log(`read + check: ${rate.toFixed(0)} reports/s, ${((bytes / MB / ms) * 1000).toFixed(1)} MB/s, ${(ms / N).toFixed(3)} ms a report (target ≥ ${TARGET.toLocaleString('en-US')} reports/s: ${rate >= TARGET ? 'met' : 'NOT met'})`);
// Valid reports: only the generator's flagged wordings (row-label) and 2019's unit-less 采购总金额 (unit-unstated) are expected.
const rules = [...byRule].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
console.log(`results: ${failed} not read; findings: ${rules || 'none'}`);

// The real seed reports (examples/), each read as many times: longer narrative than the generated ones.
const SEEDS = join(import.meta.dirname, '..', 'examples');
if (existsSync(SEEDS)) {
  const seeds = readdirSync(SEEDS).filter((f) => /^seed-.*\.txt$/.test(f)).map((f) => readFileSync(join(SEEDS, f), 'utf8'));
  const rounds = Math.ceil(N / seeds.length);
  const seedBytes = seeds.reduce((a, t) => a + Buffer.byteLength(t), 0) * rounds;
  const s0 = performance.now();
  for (let k = 0; k < rounds; k++) {
    for (const text of seeds) {
      const r = readText(text, 'seed.txt');
      if (r.ok) check(r);
    }
  }
  const sms = performance.now() - s0;
  const srate = ((rounds * seeds.length) / sms) * 1000;
  console.log(`real seeds: ${seeds.length} reports × ${rounds.toLocaleString('en-US')}, ${(seedBytes / MB).toFixed(1)} MB: ${srate.toFixed(0)} reports/s, ${((seedBytes / MB / sms) * 1000).toFixed(1)} MB/s`);
  sample();
}

// Where the time goes: the same road cut into its stages, timed per report (a second pass).
if (STAGES) {
  const stage = { simplify: 0, reader: 0, mapper: 0, checks: 0 };
  for (let i = 0; i < N; i++) {
    const a = performance.now();
    const text = toSimplified(texts[i]);
    const b = performance.now();
    const doc = readTextDocument(text);
    const c = performance.now();
    const read = mapDocument(doc, 'bench.txt');
    const d = performance.now();
    runChecks(read);
    const e = performance.now();
    stage.simplify += b - a;
    stage.reader += c - b;
    stage.mapper += d - c;
    stage.checks += e - d;
    if ((i & 255) === 0) sample();
  }
  const per = (x: number) => `${((x / N) * 1000).toFixed(0)} µs`;
  console.log(`stages a report: simplify ${per(stage.simplify)}, reader ${per(stage.reader)}, mapper ${per(stage.mapper)}, checks ${per(stage.checks)}`);
}
const maxRss = process.resourceUsage().maxRSS * 1024; // reported in KiB
console.log(`memory: peak RSS sampled ${(peak / MB).toFixed(0)} MB, maxRSS ${(maxRss / MB).toFixed(0)} MB (RSS after generating the inputs: ${(rssBefore / MB).toFixed(0)} MB; the texts stay in memory)`);
