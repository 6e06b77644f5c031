// Reading and checking speed on one core: ≥ 10,000 generated text reports in mixed layouts.
// Target: ≥ 2,000 reports/s. Run: npm run bench [-- --reports N]
import { cpus } from 'node:os';
import { runChecks } from '../src/check/index.ts';
import { mapDocument } from '../src/map/index.ts';
import { readTextDocument } from '../src/read/text/index.ts';
import { toSimplified } from '../src/util/chinese.ts';
import { GENERATED_LAYOUTS, randomReport, renderText } from '../test/generate.ts';

const arg = process.argv.indexOf('--reports');
const N = arg > 0 ? Number(process.argv[arg + 1]) : 10_000;

let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));

console.log(`generating ${N} reports…`);
const texts: string[] = [];
for (let i = 0; i < N; i++) texts.push(renderText(randomReport(i, i % 4 === 3 ? '2019' : '2021'), GENERATED_LAYOUTS[i % GENERATED_LAYOUTS.length], i));
const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);

// Warm up the caches and the JIT on reports that are not timed.
for (let i = 0; i < 200; i++) runChecks(mapDocument(readTextDocument(toSimplified(texts[i])), 'warm'));

const stage = { read: 0, map: 0, check: 0 };
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const a = performance.now();
  const doc = readTextDocument(toSimplified(texts[i]));
  const b = performance.now();
  const read = mapDocument(doc, 'bench.txt');
  const c = performance.now();
  runChecks(read);
  const d = performance.now();
  stage.read += b - a;
  stage.map += c - b;
  stage.check += d - c;
  if (i % 1000 === 0) sample();
}
const ms = performance.now() - t0;
sample();
const rate = (N / ms) * 1000;
console.log(`${N} reports (${(bytes / 1048576).toFixed(1)} MB, layouts: ${GENERATED_LAYOUTS.join(', ')}) on ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}`);
console.log(`read + check: ${rate.toFixed(0)} reports/s, ${((bytes / 1048576 / ms) * 1000).toFixed(1)} MB/s (target ≥ 2,000 reports/s: ${rate >= 2000 ? 'met' : 'NOT met'})`);
console.log(`stages per report: reader ${(stage.read / N).toFixed(3)} ms, mapper ${(stage.map / N).toFixed(3)} ms, checks ${(stage.check / N).toFixed(3)} ms`);
console.log(`peak memory: RSS ${(peak / 1048576).toFixed(0)} MB (maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB, including the generated texts)`);
