// Where the tests find their inputs. The seed reports are part of the project (examples/); the
// evaluation corpus — gold files, the real PDFs, the excerpts, the hostile files, the official
// template and the spec — lives beside the project in ../shared, when present. A person who clones
// the project has no ../shared: the tests that need it sit in a `withShared` suite, skipped with
// one line saying why. CI has the corpus, so there (CI=true) its absence is a failure, not a skip.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { readText } from '../src/engine.ts';
import type { Report } from '../src/model/report.ts';

export const ROOT = resolve(import.meta.dirname, '..');
export const EXAMPLES = join(ROOT, 'examples');
/** The evaluation corpus, when present. */
export const SHARED = resolve(ROOT, '..', 'shared');
export const hasShared = existsSync(join(SHARED, 'corpus'));
const inCI = /^(true|1)$/i.test(process.env.CI ?? '');

/** A path inside the evaluation corpus (only for use inside `withShared`). */
export const sharedPath = (...parts: string[]) => join(SHARED, ...parts);

/** The seed reports' file names in examples/ (`seed-000_….txt`), sorted. */
export const seedNames: string[] = readdirSync(EXAMPLES).filter((f) => /^seed-.*\.txt$/.test(f)).sort();

/** The seed whose name starts with `seed-<prefix>` (e.g. `seedPath('002')`). */
export function seedPath(prefix: string): string {
  const f = seedNames.find((n) => n.startsWith(`seed-${prefix}`));
  if (!f) throw new Error(`no seed ${prefix} in ${EXAMPLES}`);
  return join(EXAMPLES, f);
}

/** The gold file of a seed (by its examples/ name or prefix) in the evaluation corpus. */
export function seedGoldPath(seed: string): string {
  const base = seed.replace(/^.*\//, '').replace(/^seed-/, '').replace(/\.txt$/, '');
  const dir = sharedPath('corpus', 'seeds');
  const f = readdirSync(dir).find((n) => n.startsWith(base) && n.endsWith('.gold.json'));
  if (!f) throw new Error(`no gold file for ${seed} in ${dir}`);
  return join(dir, f);
}

/** `skip` for a test that needs the corpus: false where it is, else why the test is skipped. */
export const sharedSkip: false | string = hasShared ? false : `skipped: the evaluation corpus is not at ${SHARED}`;

// CI has the corpus: there, its absence fails every test file that uses this helper, once, clearly.
if (inCI && !hasShared) {
  test('the evaluation corpus is present (CI=true)', () => {
    assert.fail(`CI=true but the evaluation corpus is not at ${SHARED}: CI must check it out beside the project`);
  });
}

/**
 * A suite of tests that need the evaluation corpus: where it is, the suite runs; where it is not,
 * it is one skipped line saying so (its body is not even evaluated).
 */
export function withShared(name: string, fn: () => void | Promise<void>): void {
  if (hasShared) describe(name, fn);
  else describe(name, { skip: sharedSkip }, fn);
}

/**
 * What a seed must read to: its gold file when the corpus is present; without it, the model the
 * text reader makes of the seed (test/reader.test.ts checks that model against the gold file
 * wherever the corpus is), so the readers of other formats are still compared cell for cell.
 */
export function seedExpected(seed: string): Report {
  if (hasShared) return JSON.parse(readFileSync(seedGoldPath(seed), 'utf8')) as Report;
  const file = seed.includes('/') ? seed : join(EXAMPLES, seed);
  const r = readText(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(`${file}: ${r.error}`);
  return r.report;
}

const made: string[] = [];
/**
 * A new folder under the system's temporary folder (`xxgk-<name>-XXXXXX`), removed with all it
 * holds when the test file's process exits, passed or failed: a test run leaves nothing in /tmp.
 */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `xxgk-${name}-`));
  if (!made.length) process.on('exit', () => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
  made.push(dir);
  return dir;
}
