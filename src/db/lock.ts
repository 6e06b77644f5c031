// One process at a time on an embedded data folder. PGlite keeps no lock of its own: two processes
// opening one folder both succeed (tried: `xxgk import` beside a running server), and each then
// writes pages the other does not know of. A lock file names the process that holds the folder;
// one left by a process that is gone (killed, the machine restarted) is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** The folder is held by another live process. */
export class StoreBusy extends Error {
  readonly code = 'XXGK_STORE_BUSY';
}

/** When a process started (Linux: clock ticks since boot; '' elsewhere): with the pid, it tells a live holder from a pid used again. */
function startOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

function holds(pid: number, start: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !start || startOf(pid) === start;
}

/** Takes the folder for this process; gives what lets it go (at the store's close). */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, 'xxgk.lock');
  const me = `${process.pid} ${startOf(process.pid)}`;
  const release = () => {
    try {
      if (readFileSync(file, 'utf8').trim() === me.trim()) unlinkSync(file);
    } catch {
      // gone already
    }
  };
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${me}\n`);
      closeSync(fd);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let held = '';
    try {
      held = readFileSync(file, 'utf8').trim();
    } catch {
      continue; // let go meanwhile
    }
    const [pid, start = ''] = held.split(' ');
    // This process holds it already (a second store on one folder): the first one's close lets it
    // go. The same pid of an earlier start (a container's process 1 after a restart) is another.
    if (Number(pid) === process.pid && (!start || start === startOf(process.pid))) return () => {};
    if (Number.isInteger(Number(pid)) && Number(pid) > 0 && holds(Number(pid), start)) {
      throw new StoreBusy(`数据目录 ${dir} 正被另一个 xxgk 进程（PID ${pid}）使用：内置数据库同一时间只能由一个进程打开。请先停止该进程，或通过它的 API 操作（如 xxgk import --server 地址）`);
    }
    try {
      unlinkSync(file); // left by a process that is gone
    } catch {
      // another took it over first: try again
    }
  }
}
