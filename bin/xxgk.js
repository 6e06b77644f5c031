#!/usr/bin/env node
// Runs the built JavaScript (dist/, compiled by `npm run build`, which `npm ci` runs as `prepare`):
// nothing is compiled when the command starts.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('xxgk: 找不到编译后的程序（dist/）；请先运行 npm run build\n');
  process.exit(2);
}
await import(main.href);
