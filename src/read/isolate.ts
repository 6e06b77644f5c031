// Reading PDF, DOCX and HTML in the reader worker, one file at a time, within the time and memory
// limits (src/read/pool.ts), for the roads that read a file on their own thread: the single-file
// commands (render, sum, `check one.txt`) and scripts calling readBytes.
import type { IsolatedKind } from './binary.ts';
import type { Document } from './document.ts';
import { DEFAULT_LIMITS, Pool, type Limits } from './pool.ts';

export type { IsolatedKind };

type Result = Document | { error: string; pages?: number };

type Message = { kind: IsolatedKind; bytes: Uint8Array };

/** One reader worker for each set of limits asked for (in practice one). */
const pools = new Map<string, Pool<Message, Result>>();

/** Reads one file in the reader worker, within the limits. */
export function readIsolated(kind: IsolatedKind, bytes: Uint8Array, limits: Limits = DEFAULT_LIMITS): Promise<Result> {
  const key = `${limits.timeoutMs}/${limits.maxMemoryMb}`;
  let pool = pools.get(key);
  if (!pool) pools.set(key, (pool = new Pool<Message, Result>({ size: 1, module: './worker', caller: import.meta.url, limits, failed: (error) => ({ error }) })));
  return pool.run({ kind, bytes });
}
