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
