// Writing reports: DOCX and PDF documents written per second on one core, from seeded random
// models (both formats, 1 in 4 on 2019), in one process. Targets: ≥ 50 DOCX/s, ≥ 5 PDF/s.
// Run: npm run bench:write [-- --reports N]
import { cpus } from 'node:os';
import { toDocx } from '../dist/write/docx.js';
import { toPdf } from '../dist/write/pdf.js';
import { randomReport } from '../test/generate.ts';

const N = Number(process.argv[process.argv.indexOf('--reports') + 1]) || 200;
const MB = 1024 * 1024;
let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));

const reports = Array.from({ length: N }, (_, i) => randomReport(7000 + i, i % 4 === 3 ? '2019' : '2021'));

async function time(name: string, write: (r: (typeof reports)[number]) => Promise<Uint8Array>, target: number) {
  await write(reports[0]); // fonts and modules loaded once, as in a long-running process
  let bytes = 0;
  const t0 = performance.now();
  for (const r of reports) {
    bytes += (await write(r)).length;
    sample();
  }
  const ms = performance.now() - t0;
  const rate = (N / ms) * 1000;
  console.log(`${name}: ${rate.toFixed(1)} documents/s, ${(ms / N).toFixed(1)} ms each, ${(bytes / N / 1024).toFixed(0)} KB each (target ≥ ${target}/s: ${rate >= target ? 'met' : 'NOT met'})`);
}

console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}; ${N} random reports`);
await time('DOCX', (r) => toDocx(r), 50);
await time('PDF', (r) => toPdf(r), 5);
console.log(`memory: peak RSS ${(peak / MB).toFixed(0)} MB`);
