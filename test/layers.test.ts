// Layers point down only: each folder of src/ imports only the layers below it. The imports of
// every source file are read (static, `export … from` and dynamic `import()`), resolved, and
// checked against what its layer may use. The few imports that still point up are listed in
// KNOWN, each to be removed; the test fails on any new one, and on a listed one that is gone (so
// the list only shrinks).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './shared.ts';

const SRC = join(ROOT, 'src');

/** What each layer may import besides itself (the engine's one road sits on top of the readers and checks). */
const MAY_USE: Record<string, string[]> = {
  util: [],
  template: ['util'],
  model: ['template', 'util'],
  read: ['model', 'template', 'util'],
  map: ['read', 'model', 'template', 'util'],
  check: ['map', 'read', 'model', 'template', 'util'],
  write: ['model', 'template', 'util'],
  draft: ['map', 'model', 'template', 'util'],
  sum: ['check', 'draft', 'map', 'model', 'template', 'util'],
  'engine.ts': ['read', 'map', 'check', 'model', 'template', 'util'],
  // The batch road: files read and checked in workers, results written in input order.
  batch: ['engine.ts', 'check', 'write', 'read', 'map', 'model', 'template', 'util'],
  'index.ts': ['engine.ts', 'batch', 'check', 'write', 'sum', 'map', 'model', 'template', 'util', 'read', 'draft'],
  // The workbench apart from the engine: its store, and its server on the store and the engine.
  // No engine layer lists them, so the engine never imports the server or the database.
  db: ['map', 'model', 'template', 'util'],
  server: ['db', 'engine.ts', 'batch', 'check', 'write', 'sum', 'draft', 'map', 'model', 'template', 'util', 'read'],
  cli: ['server', 'db', 'batch', 'engine.ts', 'check', 'write', 'sum', 'draft', 'map', 'model', 'template', 'util', 'read'],
};

/** Imports that still point up, `file -> target` (to be removed, never added to): none left. */
const KNOWN = new Set<string>([]);

function* sources(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* sources(p);
    else if (/\.(ts|mts|mjs|js)$/.test(e.name)) yield p;
  }
}

const layerOf = (rel: string) => (rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : rel);

/** Every relative import of a file: `import … from`, `export … from`, `import '…'` and `import('…')`. */
function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
    out.push(m[1] ?? m[2] ?? m[3]);
  }
  return out;
}

const edges: { from: string; to: string }[] = [];
for (const file of sources(SRC)) {
  const from = relative(SRC, file);
  for (const spec of importsOf(readFileSync(file, 'utf8'))) {
    if (!spec.startsWith('.')) {
      // Nothing of the engine reaches the server, the database or the web app built on it.
      assert.doesNotMatch(spec, /^(xxgk|@xxgk)\//, `${from} imports ${spec}`);
      continue;
    }
    edges.push({ from, to: relative(SRC, resolve(dirname(file), spec)) });
  }
}

test('the import scanner sees the imports (static, re-exports and dynamic)', () => {
  assert.deepEqual(importsOf("import a from './a.ts';\nexport { b } from '../b.ts';\nconst c = await import('./c.ts');\nimport './d.ts';\nimport type {\n  E,\n} from './e.ts';"), ['./a.ts', '../b.ts', './c.ts', './d.ts', './e.ts']);
  assert.ok(edges.length > 100, `${edges.length} imports`);
  assert.ok(edges.some((e) => e.from === 'cli/main.ts' && e.to.startsWith('check/')), 'the dynamic import of the checks by the command');
});

test('layers point down only: every import of src/ is to its own layer or one it may use', () => {
  const wrong: string[] = [];
  for (const { from, to } of edges) {
    if (to.startsWith('..')) {
      wrong.push(`${from} -> ${to} (outside src/)`);
      continue;
    }
    const a = layerOf(from);
    const b = layerOf(to);
    if (a === b || KNOWN.has(`${from} -> ${to}`)) continue;
    const may = MAY_USE[a];
    if (!may) wrong.push(`${from}: layer ${a} is not in MAY_USE`);
    else if (!may.includes(b)) wrong.push(`${from} -> ${to}`);
  }
  assert.deepEqual(wrong, []);
});

test('nothing below the command imports the command; read/ never imports check/, write/, sum/ or cli/; check/ never write/ or cli/', () => {
  for (const { from, to } of edges) {
    if (KNOWN.has(`${from} -> ${to}`)) continue;
    const a = layerOf(from);
    const b = layerOf(to);
    if (a !== 'cli') assert.notEqual(b, 'cli', `${from} -> ${to}`);
    if (a === 'read') assert.ok(!['check', 'write', 'sum', 'cli', 'draft'].includes(b), `${from} -> ${to}`);
    if (a === 'check') assert.ok(!['write', 'cli', 'draft'].includes(b), `${from} -> ${to}`);
  }
});

test('each import still pointing up is listed once and still there (the list only shrinks)', () => {
  const present = new Set(edges.map((e) => `${e.from} -> ${e.to}`));
  assert.deepEqual([...KNOWN].filter((k) => !present.has(k)), [], 'remove these from KNOWN: they are gone');
});
