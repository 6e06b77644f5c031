// Reading and checking speed on one core: ≥ 10,000 generated text reports in mixed layouts,
// through the public road (readText + check), in one loop in this process.
// Target: ≥ 2,000 reports/s. Run: npm run bench [-- --reports N] [--no-stages] [--profile out.cpuprofile]
// (--profile records a CPU profile of the timed loop only, without the generation.)
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, platform, release, totalmem } from 'node:os';
import { runChecks } from '../src/check/index.ts';
import { check, readText } from '../src/engine.ts';
import { mapDocument } from '../src/map/index.ts';
import { readTextDocument } from '../src/read/text/index.ts';
import { toSimplified } from '../src/util/chinese.ts';
import { GENERATED_LAYOUTS, randomReport, renderText } from '../test/zz-oldgen.ts';

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
let findings = 0;
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
  else findings += check(r).length;
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
console.log(`machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, ${platform()} ${release()}, node ${process.version}`);
console.log(`input: ${N.toLocaleString('en-US')} reports, ${(bytes / MB).toFixed(1)} MB, layouts ${GENERATED_LAYOUTS.join(', ')}`);
console.log(`read + check: ${rate.toFixed(0)} reports/s, ${((bytes / MB / ms) * 1000).toFixed(1)} MB/s, ${(ms / N).toFixed(3)} ms a report (target ≥ ${TARGET.toLocaleString('en-US')} reports/s: ${rate >= TARGET ? 'met' : 'NOT met'})`);
console.log(`results: ${failed} not read, ${findings} findings in all (valid reports: a few row-label / unit-unstated / narrative ones expected)`);

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
