// Counts what one stage costs, repeatably, whatever else the machine is doing: run under
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null node bench/instructions.mjs [N]
// Reads N (default 400) generated reports (bench/instructions-gen.ts writes them to /tmp/xxgk-instr)
// after warming up on 200 others; the total instruction count (printed by valgrind, "Collected")
// covers start-up too, so compare two checkouts by the difference of runs with N and with 0.
import { readFileSync, readdirSync } from 'node:fs';
const root = new URL('..', import.meta.url).pathname;
const n = Number(process.argv[2] ?? 400);
const { readBytes, check } = await import(root + '/dist/engine.js');
const dir = '/tmp/xxgk-instr';
const files = readdirSync(dir).sort().map((f) => dir + '/' + f);
const bufs = files.map((f) => new Uint8Array(readFileSync(f)));
for (let i = 0; i < 200; i++) { const r = await readBytes(bufs[i], files[i]); if (r.ok) check(r); }
for (let i = 200; i < 200 + n; i++) { const r = await readBytes(bufs[i % bufs.length], files[i % bufs.length]); if (r.ok) check(r); }
