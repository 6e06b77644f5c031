// Writes 1,000 generated text reports to /tmp/xxgk-instr for bench/instructions.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { GENERATED_LAYOUTS, randomReport, renderText } from '../test/generate.ts';

mkdirSync('/tmp/xxgk-instr', { recursive: true });
for (let i = 0; i < 1000; i++) writeFileSync(`/tmp/xxgk-instr/r${String(i).padStart(5, '0')}.txt`, renderText(randomReport(i, i % 4 === 3 ? '2019' : '2021'), GENERATED_LAYOUTS[i % GENERATED_LAYOUTS.length], i));
