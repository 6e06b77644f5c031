// Reading one of the command's inputs for render and sum: the bytes through the batch road's capped
// reader (a device, stdin or a pipe is refused at the limit, not read without end), then the engine.
import { readInputBytes } from '../batch/bytes.ts';
import { readBytes, type ReadOutcome } from '../engine.ts';

export async function readInput(file: string): Promise<ReadOutcome> {
  const got = await readInputBytes(file);
  if ('error' in got) return { ok: false, file, error: got.error };
  return readBytes(got.bytes, file);
}
