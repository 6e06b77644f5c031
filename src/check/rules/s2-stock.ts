import { getCell } from '../../model/paths.ts';
import { describeRow } from '../describe.ts';
import type { Rule } from '../rule.ts';

/** The cells compared, spelt once (not nine strings a report). */
const ROWS = ['regulations', 'normativeDocuments'].map((row) => ({ row, paths: ['issued', 'repealed', 'inForce'].map((c) => `active.${row}.${c}`) }));

export default {
  meta: { id: 's2-stock', severity: 'warning', description: '现行有效件数不少于本年制发件数减本年废止件数（规章、行政规范性文件）' },
  check(ctx) {
    if (ctx.report.template !== '2021') return [];
    const out = [];
    for (const { row, paths } of ROWS) {
      const [issued, repealed, inForce] = paths.map((p) => getCell(ctx.report, p));
      if (typeof issued !== 'number' || typeof repealed !== 'number' || typeof inForce !== 'number') continue;
      if (inForce < issued - repealed) {
        out.push({ path: `active.${row}.inForce`, message: `「${describeRow(ctx.template, `active.${row}`)}」现行有效件数 ${inForce} 少于本年制发 ${issued} 减本年废止 ${repealed}` });
      }
    }
    return out;
  },
  examples: {
    ok: [{ name: 'clean report' }, { name: 'more repealed than issued', patch: (r) => (r.active.normativeDocuments.repealed = 9) }],
    notOk: [{ name: '5 issued, none repealed, 3 in force', errors: [{ message: '「第二十条第（一）项·规章」现行有效件数 3 少于本年制发 5 减本年废止 0', line: 19 }], patch: (r) => ((r.active.regulations.issued = 5), (r.active.regulations.inForce = 3)), path: 'active.regulations.inForce' }],
  },
} satisfies Rule;
