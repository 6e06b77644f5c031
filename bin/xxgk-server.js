#!/usr/bin/env node
// `npm start`: the workbench server (dist/server/main.js), built by `npm run build`.
import { existsSync } from 'node:fs';

const main = new URL('../dist/server/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('xxgk: 找不到编译后的程序（dist/）；请先运行 npm run build\n');
  process.exit(2);
}
const { serve, startReason } = await import(main.href);
await serve().catch((e) => {
  process.stderr.write(`xxgk: ${startReason(e)}\n`);
  process.exit(2);
});
