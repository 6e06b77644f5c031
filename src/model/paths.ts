// Reading and writing model cells by their dotted path (`applications.denied.stateSecret.total`).
import type { Cell, Report } from './report.ts';

type Tree = Record<string, unknown>;

export function getCell(report: Report, path: string): Cell | undefined {
  let node: unknown = report;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Tree)[key];
  }
  return node === undefined ? undefined : (node as Cell);
}

const split = new Map<string, string[]>();

export function setCell(report: Report, path: string, value: Cell): void {
  let keys = split.get(path);
  if (!keys) {
    keys = path.split('.');
    split.set(path, keys);
  }
  let node = report as unknown as Tree;
  for (const key of keys.slice(0, -1)) {
    if (node[key] === undefined || node[key] === null) node[key] = {};
    node = node[key] as Tree;
  }
  node[keys[keys.length - 1]] = value;
}
