// The evaluation corpus, when present, scored by its own tool exactly as the project is judged.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sharedPath, sharedSkip } from './shared.ts';

const score = sharedPath('tools', 'score.mjs');
const golds = (dir: string) =>
  readdirSync(sharedPath('corpus', dir))
    .filter((f) => f.endsWith('.gold.json'))
    .map((f) => sharedPath('corpus', dir, f));

function run(args: string[]): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync('node', [score, ...args], { cwd: join(import.meta.dirname, '..'), encoding: 'utf8', timeout: 300_000 }) };
  } catch (e) {
    const err = e as { status: number; stdout: string };
    return { code: err.status, out: err.stdout };
  }
}

test('seed reports: every cell, every mustReport rule, no mustNotReport rule, agency and year', { skip: sharedSkip }, () => {
  const { code, out } = run(['--rules', '--meta', ...golds('seeds')]);
  assert.match(out, /^PASS cell accuracy 100\.00%/m, out);
  assert.equal(code, 0, out);
});

test('real report excerpts in more layouts (both formats, Traditional characters): every visible cell and the year', { skip: sharedSkip }, () => {
  const { code, out } = run(['--year', ...golds('excerpts')]);
  assert.match(out, /^PASS cell accuracy 100\.00%/m, out);
  assert.equal(code, 0, out);
});
