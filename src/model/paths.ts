// Reading and writing model cells by their dotted path (`applications.denied.stateSecret.total`).
import type { Cell, Report } from './report.ts';

type Tree = Record<string, unknown>;

/** Paths split once: the same few hundred paths are read millions of times. */
const split = new Map<string, string[]>();
const keysOf = (path: string): string[] => {
  let keys = split.get(path);
  if (!keys) {
    keys = path.split('.');
    split.set(path, keys);
  }
  return keys;
};

export function getCell(report: Report, path: string): Cell | undefined {
  let node: unknown = report;
  for (const key of keysOf(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Tree)[key];
  }
  return node === undefined ? undefined : (node as Cell);
}

export function setCell(report: Report, path: string, value: Cell): void {
  const keys = keysOf(path);
  let node = report as unknown as Tree;
  for (const key of keys.slice(0, -1)) {
    if (node[key] === undefined || node[key] === null) node[key] = {};
    node = node[key] as Tree;
  }
  node[keys[keys.length - 1]] = value;
}

/** The row object at `rowPath` (`applications.denied.stateSecret`), for writing several of its cells. */
export function rowOf(report: Report, rowPath: string): Record<string, Cell> {
  let node = report as unknown as Tree;
  for (const key of keysOf(rowPath)) node = node[key] as Tree;
  return node as Record<string, Cell>;
}

/**
 * Reads a fixed list of cells at once, each as `getCell` reads it (undefined where a step is not
 * an object): for the identity checks, which read the same ~150 cells of some 30 rows in every
 * report. The reader is compiled once per list, as blank.ts compiles the blank report: each row
 * walked once and each cell a property read with its key written in, which V8 caches by the row's
 * shape. Reading by variable keys (`row[key]`, as getCell does) went through V8's megamorphic keyed
 * load at ~120 instructions a read: 31 k of the 287 k instructions a check then took (callgrind), 3.8 k after.
 */
export function cellsReader(paths: readonly string[]): (report: Report) => (Cell | undefined)[] {
  const rows = new Map<string, { name: string; keys: string[] }>();
  const cells: string[] = [];
  const step = (from: string, key: string) => `${from} !== null && typeof ${from} === 'object' ? ${from}[${JSON.stringify(key)}] : undefined`;
  for (const path of paths) {
    const keys = keysOf(path);
    const rowPath = keys.slice(0, -1).join('.');
    let row = rows.get(rowPath);
    if (!row) rows.set(rowPath, (row = { name: `r${rows.size}`, keys: keys.slice(0, -1) }));
    cells.push(step(row.name, keys[keys.length - 1]));
  }
  const body = [...rows.values()].map(({ name, keys }) => {
    const walk = keys.map((k) => `  ${name} = ${step(name, k)};`);
    return [`  let ${name} = report;`, ...walk].join('\n');
  });
  const list = cells.map((c) => `    ${c},\n`).join('');
  try {
    return new Function('report', `${body.join('\n')}\n  return [\n${list}  ];`) as (report: Report) => (Cell | undefined)[];
  } catch {
    // Where code may not be made at run time (a web page whose Content-Security-Policy has no
    // 'unsafe-eval': the web app's form reads the identities through here), the same reads by getCell.
    return (report) => paths.map((p) => getCell(report, p));
  }
}
