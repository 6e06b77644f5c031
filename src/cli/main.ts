// The `xxgk` command. Data on stdout, messages (in Chinese) on stderr; exit 0 / 1 / 2 as in
// ../shared/spec/rules.md: no error / at least one error (or too many warnings) / unreadable input.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { HELP_ZH } from './help.ts';
import { output, say } from './io.ts';
import { registerRenderCommands } from './render.ts';
import { registerServerCommands } from './server.ts';
import { registerSumCommands } from './sum.ts';


// Never Node's English: a promise nobody handled is one Chinese line, and the command goes on.
process.on('unhandledRejection', () => {
  say('内部错误：一项异步操作失败，未能完成');
  process.exitCode = 2;
});

// Ctrl-C, `kill`, a closed terminal: the batch's workers stop, the programs they and this thread
// run (tesseract, pdftoppm, soffice) are killed and their folders removed, and the command exits
// 128 + the signal's number as shells expect. A second signal does not wait for the workers.
let stopping = false;
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  process.on(signal, () => {
    const end = () => import('../util/process.ts').then((p) => p.reapTools('all')).finally(() => process.exit(code));
    if (stopping) return void end();
    stopping = true;
    void import('../batch/index.ts').then((b) => b.stopBatches()).finally(end);
  });
}

// `xxgk parse … | head` closes stdout early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const program = new Command('xxgk')
  .description('读取、检查政府信息公开工作年度报告（文本、HTML、DOCX、PDF、扫描件）')
  // The version is package.json's (src/cli and dist/cli both sit two folders below it).
  .version((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version, '-V, --version', '显示版本号')
  .helpOption('-h, --help', '显示帮助')
  .helpCommand('help [命令]', '显示命令的帮助')
  // Chinese help with aligned columns, inherited by every command below.
  .configureHelp(HELP_ZH)
  .showHelpAfterError('（用 --help 查看用法）')
  .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: (s, write) => write(`xxgk: ${usageInChinese(s)}`) })
  // A usage mistake exits 2 ("could not run"), not commander's 1, which here means "errors found".
  .exitOverride();

/** Commander's usage errors in the interface language; an unknown wording passes through as it is. */
function usageInChinese(message: string): string {
  const m = message.replace(/^error: /, '');
  const rules: [RegExp, (...g: string[]) => string][] = [
    [/^unknown option '(.+?)'(?:\s*\(Did you mean (.+?)\?\))?/, (o, d) => `未知选项 ${o}${d ? `（是否要用 ${d}？）` : ''}`],
    [/^unknown command '(.+?)'(?:\s*\(Did you mean (.+?)\?\))?/, (c, d) => `未知命令 ${c}${d ? `（是否要用 ${d}？）` : ''}`],
    [/^option '(.+?)' argument '(.*?)' is invalid\. Allowed choices are (.+?)\.$/, (o, v, c) => `选项 ${o} 的值「${v}」无效，可选：${c}`],
    [/^option '(.+?)' argument '(.*?)' is invalid\. (.+)$/, (o, v, why) => `选项 ${o} 的值「${v}」无效：${why}`],
    [/^option '(.+?)' argument missing/, (o) => `选项 ${o} 缺少参数值`],
    [/^required option '(.+?)' not specified/, (o) => `缺少必需的选项 ${o}`],
    [/^missing required argument '(.+?)'/, (a) => `缺少参数 ${a}`],
    [/^too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\./, (c, e, g) => `参数过多${c ? `（${c}）` : ''}：应为 ${e} 个，实为 ${g} 个`],
  ];
  for (const [re, say] of rules) {
    const hit = re.exec(m.trim());
    if (hit) return `${say(...hit.slice(1))}\n`;
  }
  return message;
}

/**
 * No file named and standard input a terminal: nobody is piping a report in, so the command says
 * what it takes (its help, on stderr, exit 2) instead of waiting on the keyboard. `-` still reads
 * the terminal, for one who means it.
 */
function nothingToRead(args: string[], cmd: Command, what: string): boolean {
  if (args.length || !process.stdin.isTTY) return false;
  say(`没有给出要${what}的报告文件（目录、通配符均可；- 表示标准输入）`);
  cmd.outputHelp({ error: true });
  process.exitCode = 2;
  return true;
}

/** `--jobs N`: worker threads for a batch (default: the machine's cores). */
const jobsOption = () =>
  new Option('-j, --jobs <数量>', '并行读取的线程数（默认：CPU 核数）').argParser((v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('须为正整数');
    return n;
  });

program
  .command('parse')
  .description('把报告读成数据模型（含检查结果），输出 JSON、NDJSON、Markdown、HTML 或 CSV')
  .argument('[文件...]', '报告文件、目录或通配符；- 表示标准输入', [])
  .addOption(new Option('-f, --format <格式>', '输出格式').choices(['json', 'ndjson', 'md', 'html', 'csv']).default('json'))
  .helpOption('-h, --help', '显示帮助')
  .addOption(jobsOption())
  .action(async (args: string[], opts: { format: 'json' | 'ndjson' | 'md' | 'html' | 'csv'; jobs?: number }, cmd: Command) => {
    if (nothingToRead(args, cmd, '读取')) return;
    const { parseFiles } = await import('./batch.ts');
    const { failed } = await parseFiles(args, opts);
    process.exitCode = failed ? 2 : 0;
  });

program
  .command('check')
  .description('检查报告：勾稽关系、完整性、格式规范、文字与表格一致、年度衔接')
  .argument('[文件...]', '报告文件、目录或通配符；- 表示标准输入；同一机关相邻两年的报告一起给出时检查结转衔接', [])
  .addOption(new Option('-f, --format <格式>', '输出格式').choices(['text', 'json']).default('text'))
  .option('--max-warnings <数量>', '警告超过此数量时以失败退出（退出码 1）', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('须为非负整数');
    return n;
  })
  // Repeatable, or comma-separated (commander's `<规则...>` is not variadic: it looks for \w before `...`).
  .option('--rule <规则>', '只运行这一规则（规则编号；可重复，或用逗号分隔）', (v: string, prev: string[] = []) => [...prev, ...v.split(/[,，]/).map((x) => x.trim()).filter(Boolean)])
  .option('-q, --quiet', '只报告错误，不报告警告和提示')
  .helpOption('-h, --help', '显示帮助')
  .addOption(jobsOption())
  .action(async (args: string[], opts: { format: 'text' | 'json'; maxWarnings?: number; rule?: string[]; quiet?: boolean; jobs?: number }, cmd: Command) => {
    if (nothingToRead(args, cmd, '检查')) return;
    if (opts.rule) {
      // Checked here, not by commander, so that the rules are loaded only when a check runs.
      const { RULES } = await import('../check/index.ts');
      const known = RULES.map((r) => r.meta.id);
      const unknown = opts.rule.filter((id) => !known.includes(id));
      if (unknown.length) {
        say(`未知规则 ${unknown.join('、')}；可用的规则：${known.join('、')}`);
        process.exitCode = 2;
        return;
      }
    }
    const { checkFiles } = await import('./batch.ts');
    const { failed, counts } = await checkFiles(args, opts);
    const tooManyWarnings = opts.maxWarnings !== undefined && counts.warning > opts.maxWarnings;
    if (tooManyWarnings) say(`警告 ${counts.warning} 个，超过 --max-warnings ${opts.maxWarnings}`);
    process.exitCode = failed ? 2 : counts.error || tooManyWarnings ? 1 : 0;
  });

program
  .command('schema')
  .description('输出报告数据模型的 JSON Schema')
  .helpOption('-h, --help', '显示帮助')
  .action(async () => {
    const { reportJsonSchema } = await import('../model/schema.ts');
    output(JSON.stringify(reportJsonSchema(), null, 2));
  });

// Writing reports: `new`, `render` (render.ts) and `sum` (sum.ts).
registerRenderCommands(program);
registerSumCommands(program);
// The workbench: `serve` and `import` (server.ts).
registerServerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // Help and version end with 0; a usage error was already said, and ends with 2.
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else if ((e as { code?: unknown }).code === 'XXGK_STORE_BUSY') {
    // The data folder is another process's (db/lock.ts): its message says which and what to do.
    say((e as Error).message);
    process.exitCode = 2;
  } else {
    // Never a stack trace: one line, and the exit code for "could not run".
    say(`内部错误：${(e as Error).message}`);
    process.exitCode = 2;
  }
}
