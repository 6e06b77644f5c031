// A source map as JSON (its cells are a Map in the engine) and packed: gzipped JSON, about a fifth
// of its JSON's size (a position for every cell makes it 10–20 times its report's text). Packed in
// the batch worker that read the report (task `read` with `packSource`), so that a store's thread
// neither receives the map's objects nor compresses them (src/db stores the bytes as they come).
import { gunzipSync, gzipSync } from 'node:zlib';
import type { SourceMap } from './source.ts';

export type SourceJson = Omit<SourceMap, 'cells'> & { cells: Record<string, unknown> };

export const sourceToJson = (s: SourceMap): SourceJson => ({ ...s, cells: Object.fromEntries(s.cells) });
export const sourceFromJson = (j: Record<string, unknown>): SourceMap => ({ ...(j as unknown as SourceMap), cells: new Map(Object.entries((j.cells ?? {}) as Record<string, never>)) });

/** Its own bytes: zlib's answer is a view of a 16 KB buffer, which a message to another thread would copy whole. */
export const packSource = (s: SourceMap): Uint8Array => packJson(sourceToJson(s));
/**
 * A source map already in its JSON form (a version stored before the packed column). zlib's level
 * 1: measured on 300 generated reports (23 KB of JSON each), 149 µs and 4.2 KB a map against the
 * default level's 286 µs and 3.8 KB — a tenth more bytes for half the time of every import.
 */
export const packJson = (j: unknown): Uint8Array => new Uint8Array(gzipSync(JSON.stringify(j), { level: 1 }));
export const unpackSource = (b: Uint8Array): SourceJson => JSON.parse(gunzipSync(b).toString('utf8')) as SourceJson;
