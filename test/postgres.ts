// A PostgreSQL server for the tests: DATABASE_URL_TEST when set, else a throwaway cluster of
// Debian's postgresql in a temporary folder on a free port (initdb + pg_ctl, as the `postgres`
// user when the tests run as root), stopped and removed when the test file's process ends.
// Without PostgreSQL installed the suites that need it skip with one line — and fail in CI.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tempDir } from './shared.ts';

const inCI = /^(true|1)$/i.test(process.env.CI ?? '');

function binDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const v = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  return v && existsSync(join(root, v, 'bin', 'initdb')) ? join(root, v, 'bin') : null;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? done(a.port) : fail(new Error('no port'))));
    });
  });
}

let started: Promise<string> | null = null;

/** The URL of a PostgreSQL server with an empty database for this test file; null: none here. */
export async function postgresUrl(): Promise<string | null> {
  if (process.env.DATABASE_URL_TEST) return process.env.DATABASE_URL_TEST;
  const bin = binDir();
  if (!bin) {
    if (inCI) throw new Error('CI: PostgreSQL is not installed (.ci/run installs Debian postgresql)');
    return null;
  }
  started ??= (async () => {
    const dir = tempDir('pg');
    chmodSync(dir, 0o777);
    const asRoot = process.getuid?.() === 0;
    const run = (cmd: string, args: string[]) => {
      const full = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] as const : [join(bin, cmd), args] as const;
      const r = spawnSync(full[0], [...full[1]], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
    };
    const data = join(dir, 'data');
    const port = await freePort();
    run('initdb', ['-D', data, '-U', 'xxgk', '--auth=trust', '-E', 'UTF8', '--no-locale']);
    run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
    process.on('exit', () => {
      try {
        execFileSync(asRoot ? 'runuser' : join(bin, 'pg_ctl'), asRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'] : ['-D', data, '-m', 'immediate', 'stop'], { stdio: 'ignore' });
      } catch {
        // already stopped
      }
    });
    return `postgres://xxgk@127.0.0.1:${port}/postgres`;
  })();
  return started;
}

/** A new empty database on that server for one test (so tests do not see each other's rows). */
export async function freshDatabase(base: string, name: string): Promise<string> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    await c.query(`drop database if exists ${name}`);
    await c.query(`create database ${name}`);
  } finally {
    await c.end();
  }
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}
