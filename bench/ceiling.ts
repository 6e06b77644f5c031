// What the machine's cores give together: a loop of integer arithmetic (no memory, no allocation,
// no messages) timed in one worker thread and then in `n` at once. On a machine whose cores are
// whole, n threads do n times the work; a virtual machine's "cores" may be threads of one physical
// core or share it with other guests (2026-12-07, an AMD EPYC VM of 2 cores: 1.46–1.81× in runs
// minutes apart). The batch road's scaling (`xxgk check` with the default jobs against --jobs 1) is read against it.
import { Worker } from 'node:worker_threads';

const LOOP = `
const { parentPort } = require('node:worker_threads');
const t = process.hrtime.bigint();
let x = 0;
for (let i = 0; i < 2e8; i++) x += i % 7;
parentPort.postMessage({ ms: Number(process.hrtime.bigint() - t) / 1e6, x });
`;

const once = () =>
  new Promise<number>((done, fail) => {
    const w = new Worker(LOOP, { eval: true });
    w.once('message', (m: { ms: number }) => done(m.ms));
    w.once('error', fail);
  });

/** The work `n` threads do at once against one alone (best of `runs` each): n × t(1) / t(n). */
export async function threadCeiling(n: number, runs = 3): Promise<number> {
  let alone = Infinity;
  let together = Infinity;
  for (let r = 0; r < runs; r++) {
    alone = Math.min(alone, await once());
    together = Math.min(together, Math.max(...(await Promise.all(Array.from({ length: n }, once)))));
  }
  return (n * alone) / together;
}
