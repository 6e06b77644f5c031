// `xxgk sum`: a government-wide report summed from its departments' reports of one year, with a
// breakdown appendix; `--against` compares the government's own published report with the sum.
// Data (the summed report) on stdout or in -o; findings on stderr, linter style; exit 0 / 1 / 2.
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import type { Diagnostic, Severity } from '../model/report.ts';
import type { TemplateVersion } from '../template/index.ts';
import type { DocumentFormat } from '../write/formats.ts';
import { wrapChinese } from './help.ts';
import { binaryToTerminal, findingLine, findingsSummary, load, refuseOverwrite, say, writeDocument } from './io.ts';
import { agencyOf, agencyOption, forceOption, formatOf, outputOption, run, templateOf, toOption, yearOf, yearOptionFlag, type OutputOptions } from './options.ts';

type SumFormat = DocumentFormat;
/** A finding as printed: a diagnostic, or one of the sum's own (which has no source line). */
type Line = Pick<Diagnostic, 'severity' | 'line' | 'page' | 'message' | 'rule' | 'path'>;

interface SumCliOptions {
  agency: string;
  year: number;
  format: SumFormat;
  output?: string;
  against?: string;
  template?: TemplateVersion;
  force?: boolean;
}

export function registerSumCommands(program: Command): void {
  program
    .command('sum')
    .description('把本级政府办公室和各部门同一年度的报告汇总为政府年度报告（逐项相加，附各单位明细表），并检查汇总结果')
    .argument('<文件...>', '各单位的报告文件、目录或通配符（同一年度）；- 表示标准输入')
    // The options new and render have, spelt as they spell them (options.ts).
    .addOption(agencyOption('汇总报告的机关名称，如「广水市人民政府」'))
    .addOption(yearOptionFlag('报告年度，如 2024；所有报告都须是这一年度的'))
    .addOption(toOption())
    // The earlier spelling of --to, still taken.
    .addOption(new Option('-f, --format <格式>').hideHelp())
    .addOption(outputOption('写入此文件，而不是标准输出（docx、pdf 必须指定）'))
    .addOption(forceOption())
    .option('--against <报告>', '政府已发布的年度报告：逐项与汇总数比对，报告不一致的单元格（hierarchy-sum）')
    .option('--template <版本>', '汇总报告使用的格式版本：2021 或 2019（缺省为该年度适用的版本；2019 版报告可换算为 2021 版）')
    .helpOption('-h, --help', '显示帮助')
    .addHelpText(
      'after',
      `
示例：
  xxgk sum 部门报告/ --agency 广水市人民政府 --year 2024 -o 汇总.html
  xxgk sum '部门/*.txt' --agency 广水市人民政府 --year 2024 --against 政府.txt

${wrapChinese('说明：任何一份报告中为空的单元格，汇总数也为空，并逐项指出是哪些单位；2019 版格式的报告换算为 2021 版时，不能一一对应的单元格（如（六）其他处理的三个子项）同样为空并列出。', 80)}
${wrapChinese('退出码：0 没有错误；1 汇总结果的检查或 --against 比对发现错误；2 有报告无法读取或年度不符，未汇总。', 80)}
`,
    )
    .action(
      run(async (args: string[], raw: OutputOptions & { agency?: string; year?: string; format?: string; against?: string; template?: string }) => {
        const agency = agencyOf(raw.agency, '广水市人民政府');
        const year = yearOf(raw.year);
        const template = templateOf(raw.template);
        const format = formatOf({ ...raw, to: raw.to ?? raw.format }, 'json');
        process.exitCode = await runSum(args, { agency, year, format, output: raw.output, against: raw.against, template, force: raw.force });
      }),
    );
}

async function runSum(args: string[], opts: SumCliOptions): Promise<number> {
  const { format } = opts;
  // Refused before anything is read: DOCX or PDF bytes would garble the terminal.
  const refused = binaryToTerminal(format, opts.output, '汇总');
  if (refused) {
    say(refused);
    return 2;
  }
  // Refused before anything is read, as again when the file is opened.
  const exists = refuseOverwrite(opts.output, opts.force);
  if (exists) {
    say(exists);
    return 2;
  }

  const against = opts.against ? resolve(opts.against) : null;
  const { reads: all, failed } = await load(args);
  // The government's own report is compared with the sum, never part of it.
  const reads = all.filter((r) => r.file === '-' || resolve(r.file) !== against);
  if (reads.length < all.length) say(`${opts.against}: 这是用于比对的政府报告，不计入汇总`);
  if (failed) {
    say(`有 ${failed} 个输入无法读取，未汇总（少了单位的汇总数不完整）`);
    return 2;
  }

  const { sumReports } = await import('../sum/index.ts');
  const result = sumReports(
    reads.map((r) => ({ file: r.file, report: r.report })),
    { agency: opts.agency, year: opts.year, ...(opts.template ? { template: opts.template } : {}) },
  );
  if (!result.ok) {
    for (const r of result.refusals) say(`${r.file}: ${r.message}`);
    say(`未汇总：所有报告都须是 ${opts.year} 年度的`);
    return 2;
  }

  // The government's published report against the sum.
  let comparison: { file: string; diagnostics: Diagnostic[] } | null = null;
  if (opts.against) {
    const { readInput } = await import('./read.ts');
    const gov = await readInput(opts.against);
    if (!gov.ok) {
      say(`${gov.file}: ${gov.error}`);
      return 2;
    }
    if (gov.report.meta.year !== opts.year) {
      say(`${opts.against}: ${gov.report.meta.year === null ? '无法确定报告年度' : `是 ${gov.report.meta.year} 年度的报告`}，不能与 ${opts.year} 年度的汇总比对`);
      return 2;
    }
    const { check } = await import('../check/index.ts');
    comparison = { file: opts.against, diagnostics: check(gov, reads, { rules: ['hierarchy-sum'], governmentReport: true }) };
  }

  // Findings, linter style: the sum's own (nulls, unmapped cells), the checks on it, the comparison.
  const sumLines: Line[] = [
    ...result.findings.map((f) => ({ severity: f.severity, line: null, message: f.message, rule: f.kind, path: f.path })),
    ...result.diagnostics,
  ];
  const groups: { title: string; lines: Line[] }[] = [{ title: `${result.report.meta.title}（由 ${reads.length} 份报告汇总）`, lines: sumLines }];
  if (comparison) groups.push({ title: `${comparison.file}（与汇总数比对）`, lines: comparison.diagnostics });
  const every = groups.flatMap((g) => g.lines);
  const count = (s: Severity) => every.filter((l) => l.severity === s).length;
  const text: string[] = [];
  for (const g of groups) {
    if (!g.lines.length) continue;
    text.push(g.title, ...g.lines.map(findingLine), '');
  }
  const compared = comparison ? `；与 ${comparison.file} 比对，${comparison.diagnostics.length ? `${comparison.diagnostics.length} 个单元格与汇总数不一致` : '可比对的单元格都与汇总数一致'}` : '';
  text.push(findingsSummary({ error: count('error'), warning: count('warning'), info: count('info') }, `汇总了 ${reads.length} 份报告${compared}`));
  process.stderr.write(`${text.join('\n')}\n`);

  const failedWrite = await writeDocument(result.report, format, opts.output, { appendices: [result.appendix] }, opts.force);
  if (failedWrite) {
    say(failedWrite);
    return 2;
  }

  return count('error') ? 1 : 0;
}
