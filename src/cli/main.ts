// The `xxgk` command. Data on stdout, messages (in Chinese) on stderr; exit 0 / 1 / 2 as in
// ../shared/spec/rules.md: no error / at least one error (or too many warnings) / unreadable input.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { Diagnostic, Report } from '../model/report.ts';
import { checked, findingLine, load, output, say } from './io.ts';
import { registerRenderCommands } from './render.ts';
import { registerSumCommands } from './sum.ts';


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

program
  .command('parse')
  .description('把报告读成数据模型（含检查结果），输出 JSON、NDJSON、Markdown、HTML 或 CSV')
  .argument('[文件...]', '报告文件、目录或通配符；- 表示标准输入', [])
  .addOption(new Option('-f, --format <格式>', '输出格式').choices(['json', 'ndjson', 'md', 'html', 'csv']).default('json'))
  .helpOption('-h, --help', '显示帮助')
  .action(async (args: string[], opts: { format: 'json' | 'ndjson' | 'md' | 'html' | 'csv' }) => {
    const { reads, failed } = await load(args);
    await checked(reads);
    const reports: Report[] = reads.map((r) => r.report);
    if (reports.length) {
      const { writeReports } = await import('../write/index.ts');
      output(writeReports(reports, opts.format));
    }
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
  .action(async (args: string[], opts: { format: 'text' | 'json'; maxWarnings?: number; rule?: string[]; quiet?: boolean }) => {
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
    const { reads, failed } = await load(args);
    await checked(reads, opts.rule);
    let errors = 0;
    let warnings = 0;
    let infos = 0;
    for (const r of reads) {
      if (opts.quiet) r.report.diagnostics = r.report.diagnostics.filter((d) => d.severity === 'error');
      for (const d of r.report.diagnostics) {
        if (d.severity === 'error') errors++;
        else if (d.severity === 'warning') warnings++;
        else infos++;
      }
    }
    if (opts.format === 'json') {
      output(JSON.stringify(reads.map((r) => ({ file: r.file, diagnostics: r.report.diagnostics })), null, 2));
    } else {
      const lines: string[] = [];
      for (const r of reads) {
        if (!r.report.diagnostics.length) continue;
        lines.push(r.file);
        for (const d of r.report.diagnostics) {
          lines.push(findingLine(d));
        }
        lines.push('');
      }
      lines.push(`共 ${errors + warnings + infos} 个问题（${errors} 个错误，${warnings} 个警告，${infos} 个提示），检查了 ${reads.length} 份报告${failed ? `，${failed} 个无法读取` : ''}`);
      output(lines.join('\n'));
    }
    const tooManyWarnings = opts.maxWarnings !== undefined && warnings > opts.maxWarnings;
    if (tooManyWarnings) say(`警告 ${warnings} 个，超过 --max-warnings ${opts.maxWarnings}`);
    process.exitCode = failed ? 2 : errors || tooManyWarnings ? 1 : 0;
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

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // Help and version end with 0; a usage error was already said, and ends with 2.
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else {
    // Never a stack trace: one line, and the exit code for "could not run".
    say(`内部错误：${(e as Error).message}`);
    process.exitCode = 2;
  }
}
