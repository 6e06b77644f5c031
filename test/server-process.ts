// The built server as a process, as `npm start` runs it: its URL once it says it started, its
// output, its exit (test/serve.test.ts, test/crash.test.ts).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './shared.ts';

export const BIN = join(ROOT, 'bin', 'xxgk-server.js');
export const built = existsSync(join(ROOT, 'dist', 'server', 'main.js'));

export function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const url = new Promise<string>((done, fail) => {
    const t = setInterval(() => {
      const m = /已启动：(http:\/\/\S+?)（/.exec(out);
      if (m) {
        clearInterval(t);
        done(m[1]);
      }
    }, 50);
    void exited.then(() => {
      clearInterval(t);
      fail(new Error(`exited: ${err}`));
    });
  });
  return { child, url, exited, output: () => out + err };
}

