// The agency tree (GET /api/v1/agencies, a flat list by path) as antd's tree nodes.
import type { ReactNode } from 'react';
import type { Agency } from './api.ts';

/** The agencies as antd tree nodes, by parent. */
export function agencyTree(items: Agency[], label: (a: Agency) => ReactNode = (a) => a.name) {
  type Node = { key: number; value: number; title: ReactNode; children: Node[] };
  const byId = new Map<number, Node>(items.map((a) => [a.id, { key: a.id, value: a.id, title: label(a), children: [] }]));
  const roots: Node[] = [];
  for (const a of items) (a.parentId !== null && byId.has(a.parentId) ? byId.get(a.parentId)!.children : roots).push(byId.get(a.id)!);
  return roots;
}
