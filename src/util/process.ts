// Running external programs (tesseract, pdftoppm, soffice) and the temporary folders they work in,
// for every reader that needs them (OCR, the DOC reader), so that nothing outlives the command.
//
// A program runs with a time limit in a process group of its own, so that killing the group ends
// whatever it started too (soffice is a script that starts the real office process). The limit's
// timer and a `finally` that removes a folder live in the thread that ran the program, and a
// worker thread that is terminated (the batch road's time and memory limits, Ctrl-C) runs neither
// — Node ends a worker without its exit handlers. So everything is marked with the process and
// the thread it belongs to: folders by name (`xxgk-ocr-<pid>.<thread>-XXXXXX`), programs by an
// environment variable they and their children inherit. reapTools() finds both from any thread,
// synchronously (a signal handler cannot wait): the folders in the temporary directory, the
// programs in /proc. Hand-written: no library finds a process's descendants by a mark that survives
// reparenting (tree-kill and ps-tree walk parent links, which a dead script's children lose).
import { spawn, type ChildProcess } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

export interface ToolResult {
  stdout: string;
  /** Set when the program could not be run or failed. */
  error?: { missing: boolean; message: string };
}

/** The environment variable that marks a program (and what it starts) as this process's. */
const MARK = 'XXGK_TOOL_OWNER';

/** `<pid>.<thread>`: whose a program or a folder is. */
const ownerOf = (thread: number) => `${process.pid}.${thread}`;

/** Output accepted from a program: tesseract's TSV of a page is well under 1 MB. */
const MAX_OUTPUT = 64 * 1024 * 1024;

/** Programs this thread runs now (where /proc is missing, the only ones reapTools can find). */
const live = new Set<ChildProcess>();

/** Ends a program's process group (and the program, should it have left the group). */
function killGroup(pid: number | undefined): void {
  if (!pid) return;
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/**
 * Runs a program with a time limit; a program that is not on PATH is reported as missing. Its
 * output is capped, and the program is killed at the limit or when the output passes the cap.
 */
export function run(cmd: string, args: string[], timeoutMs: number, env?: NodeJS.ProcessEnv): Promise<ToolResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: ToolResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const child = spawn(cmd, args, { env: { ...(env ?? process.env), [MARK]: ownerOf(threadId) }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    const collect = (into: Buffer[]) => (b: Buffer) => {
      size += b.length;
      if (size > MAX_OUTPUT) {
        killGroup(child.pid);
        finish({ stdout: '', error: { missing: false, message: '输出过大' } });
      } else into.push(b);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    child.on('error', (e: NodeJS.ErrnoException) => {
      live.delete(child);
      finish({ stdout: '', error: { missing: e.code === 'ENOENT', message: e.code === 'ENOENT' ? `${cmd} not found` : e.message } });
    });
    child.on('close', (code) => {
      live.delete(child);
      if (code === 0) return finish({ stdout: Buffer.concat(out).toString('utf8') });
      const stderr = Buffer.concat(err).toString('utf8').trim();
      finish({ stdout: '', error: { missing: false, message: stderr.split('\n').slice(-2).join(' ') || `退出码 ${code}` } });
    });
    const timer = setTimeout(() => {
      killGroup(child.pid);
      finish({ stdout: '', error: { missing: false, message: `超时（超过 ${timeoutMs / 1000} 秒）` } });
    }, timeoutMs);
  });
}

/** Runs `fn` with a new folder `xxgk-<kind>-…` in the temporary directory, removed afterwards. */
export async function withTempDir<T>(kind: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), `xxgk-${kind}-${ownerOf(threadId)}-`));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Pids of the running programs marked `owner` (a `<pid>.<thread>`, or `<pid>.` for every thread). */
function markedPids(owner: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const want = `\0${MARK}=${owner}`;
  const pids: number[] = [];
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    let env: string;
    try {
      env = `\0${readFileSync(`/proc/${e}/environ`, 'latin1')}`;
    } catch {
      continue;
    }
    const at = env.indexOf(want);
    // `<pid>.1` must not match `<pid>.12`: a thread's mark ends at the variable's end.
    if (at >= 0 && (owner.endsWith('.') || env[at + want.length] === '\0' || at + want.length === env.length)) pids.push(Number(e));
  }
  return pids;
}

/**
 * Ends the programs and removes the folders of `thread` (a worker's threadId, taken while it ran),
 * or of every thread of the process. Synchronous, for signal handlers and terminated workers.
 */
export function reapTools(thread: number | 'all'): void {
  const all = thread === 'all';
  const owner = all ? `${process.pid}.` : ownerOf(thread);
  for (const c of live) if (all || thread === threadId) killGroup(c.pid);
  for (const pid of markedPids(owner)) killGroup(pid);
  const base = tmpdir();
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  const uid = process.getuid?.();
  for (const name of names) {
    const m = /^xxgk-[a-z]+-(\d+\.\d+)-[^-]+$/.exec(name);
    if (!m || !(all ? m[1].startsWith(owner) : m[1] === owner)) continue;
    const path = join(base, name);
    try {
      // Only a folder of ours: never follow a link someone else put under the name.
      const st = lstatSync(path);
      if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) continue;
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}
