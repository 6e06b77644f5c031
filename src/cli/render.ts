// Writing reports: `xxgk new` (a blank report for an agency and a year, with drafted narrative
// sections) and `xxgk render` (any report the engine reads, or a model JSON, into any format).
// Data on stdout (or the file -o names), messages in Chinese on stderr; exit 2 when nothing could
// be written (bad arguments, an unreadable input, a writer that failed).
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Report } from '../model/report.ts';
import type { DocumentFormat } from '../write/formats.ts';
import { binaryToTerminal, checked, load, refuseOverwrite, say, writeDocument } from './io.ts';
import { agencyOf, agencyOption, forceOption, formatOf, outputOption, run, templateOf, toOption, UsageError, yearOf, yearOptionFlag, type OutputOptions } from './options.ts';

/** Renders and writes: to the file -o names, else to stdout (never bytes to a terminal). */
async function emit(report: Report, format: DocumentFormat, opts: OutputOptions): Promise<void> {
  const refused = binaryToTerminal(format, opts.output, '文件名');
  if (refused) throw new UsageError(refused);
  const failed = await writeDocument(report, format, opts.output, {}, opts.force);
  if (failed) throw new UsageError(failed);
}

export function registerRenderCommands(program: Command): void {
  program
    .command('new')
    .description('新建年度报告：空白，或依据上年度报告（上年结转取自其结转下年度继续办理）；表格其余各格留空待填，第一、五、六部分按表格数字生成草稿；默认输出模型 JSON')
    .addOption(agencyOption('报告机关名称，如「广水市科技经信局」（缺省取 --from 报告的机关）'))
    .addOption(yearOptionFlag('报告年度，如 2025（缺省为 --from 报告的下一年度）'))
    .option('--from <文件>', '上年度的报告（任何可读取的格式或模型 JSON）：其结转下年度继续办理填入本年度的上年结转')
    .option('--template <版本>', '表格格式版本：2021 或 2019（缺省按年度：2021 年度起为 2021 版，2019、2020 年度为 2019 版）')
    .addOption(toOption())
    .addOption(outputOption('写入文件（如 2025.docx，按扩展名选格式）；缺省输出到标准输出'))
    .addOption(forceOption())
    .helpOption('-h, --help', '显示帮助')
    .addHelpText('after', '\n示例：\n  xxgk new --agency 广水市科技经信局 --year 2025 -o 2025.docx\n  xxgk new --from 2024.pdf -o 2025.json\n  xxgk new -a 中牟县科技工信局 -y 2024 --to md > 2024.md')
    .action(
      run(async (opts: OutputOptions & { agency?: string; year?: string; template?: string; from?: string }) => {
        let last: Report | null = null;
        if (opts.from !== undefined) {
          const { reads, failed } = await load([opts.from]);
          if (failed || !reads.length) {
            // The reader said why, naming the file.
            process.exitCode = 2;
            return;
          }
          if (reads.length > 1) throw new UsageError(`--from ${opts.from} 对应 ${reads.length} 个文件；请给出一份上年度报告`);
          last = reads[0].report;
        }
        const agency = opts.agency === undefined && last?.meta.agency ? last.meta.agency : agencyOf(opts.agency, '广水市科技经信局');
        if (opts.year === undefined && last && last.meta.year === null) throw new UsageError(`--from 的报告没有写明年度：请用 --year 给出本年度`);
        const year = opts.year === undefined && last?.meta.year != null ? last.meta.year + 1 : yearOf(opts.year);
        const template = templateOf(opts.template);
        const format = formatOf(opts, 'json');
        const exists = refuseOverwrite(opts.output, opts.force);
        if (exists) throw new UsageError(exists);
        const { draftReport } = await import('../draft/report.ts');
        const { report, notes } = draftReport({ agency, year, ...(template ? { template } : {}), last });
        for (const n of notes) say(`提示：${n}`);
        await emit(report, format, opts);
      }),
    );

  program
    .command('render')
    .description('把报告（文本、HTML、DOCX、PDF、扫描件或模型 JSON）转换为 DOCX、PDF、HTML、Markdown 或模型 JSON')
    .argument('[文件]', '报告文件或模型 JSON（xxgk parse、xxgk new 的输出）；- 表示标准输入')
    .addOption(toOption())
    .addOption(outputOption('写入文件（按扩展名选格式）；缺省输出到标准输出'))
    .addOption(forceOption())
    .option('--draft', '第一、五、六部分没有文字时，按表格数字生成草稿')
    .helpOption('-h, --help', '显示帮助')
    .addHelpText('after', '\n示例：\n  xxgk render 2025.json -o 2025.docx\n  xxgk render 报告.pdf --to html > 报告.html\n  xxgk parse 报告.txt | xxgk render - --to md')
    .action(
      run(async (file: string | undefined, opts: OutputOptions & { draft?: boolean }) => {
        if (file === undefined) throw new UsageError('缺少要转换的报告文件（- 表示标准输入）；如 xxgk render 2025.json -o 2025.docx');
        const format = formatOf(opts, null);
        if (opts.output && file !== '-' && existsSync(file) && existsSync(opts.output) && realpathSync(file) === realpathSync(resolve(opts.output))) {
          throw new UsageError(`输出文件 ${opts.output} 就是输入文件；请换一个文件名`);
        }
        // Refused before the report is read, as again when the file is opened.
        const exists = refuseOverwrite(opts.output, opts.force);
        if (exists) throw new UsageError(exists);
        const { reads, failed } = await load([file]);
        if (failed || !reads.length) {
          process.exitCode = 2;
          return;
        }
        if (reads.length > 1) throw new UsageError(`${file} 对应 ${reads.length} 个文件；render 一次转换一份报告`);
        const read = reads[0];
        if (opts.draft) {
          const { draftSections } = await import('../draft/narrative.ts');
          read.report.sections = draftSections(read.report);
        }
        // The model as `parse` prints it: with what the checks find.
        await checked(reads);
        await emit(read.report, format, opts);
      }),
    );
}
