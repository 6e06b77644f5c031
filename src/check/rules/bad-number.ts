import { MAX_DIGITS } from '../../map/numbers.ts';
import { findingsForStatus } from '../describe.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: { id: 'bad-number', severity: 'error', description: '单元格里是数字（可带本表单位，如「3件」），不是文字' },
  check: (ctx) =>
    findingsForStatus(ctx, 'bad', (where, printed) => {
      const digits = (printed ?? '').replace(/[,，\s]/g, '');
      // A count too long to hold exactly (more than 15 digits) is named by its length, not printed whole.
      if (/^\d{16,}$/.test(digits)) return `${where}填的是 ${digits.length} 位数「${digits.slice(0, 8)}…」，超出可精确表示的范围（最多 ${MAX_DIGITS} 位），不是可能的件数`;
      return `${where}填的是「${printed}」，不是数字`;
    }),
  examples: {
    ok: [
      { name: 'clean report' },
      { name: 'a number with its unit', edit: (t) => t.replace('行政许可\t120', '行政许可\t120件') },
      { name: 'thousands separators and full-width digits', edit: (t) => t.replace('行政许可\t120', '行政许可\t1,200').replace('行政处罚\t35', '行政处罚\t３５') },
    ],
    notOk: [
      { name: '若干', errors: [{ message: '第二部分「第二十条第（五）项·行政许可」行「本年处理决定数量」列填的是「若干」，不是数字', line: 24 }], edit: (t) => t.replace('行政许可\t120', '行政许可\t若干'), path: 'active.licensing.decisions' },
      { name: 'letter O for zero', errors: [{ message: '第二部分「第二十条第（六）项·行政处罚」行「本年处理决定数量」列填的是「3O」，不是数字', line: 28 }], edit: (t) => t.replace('行政处罚\t35', '行政处罚\t3O'), path: 'active.punishment.decisions' },
      { name: 'a letter O alone, in a row of numbers', errors: [{ message: '第二部分「第二十条第（一）项·规章」行「本年废止件数」列填的是「O」，不是数字', line: 19 }], edit: (t) => t.replace('规章\t1\t0\t3', '规章\t1\tO\t3'), path: 'active.regulations.repealed' },
      { name: 'two numbers in one cell', errors: [{ message: '第二部分「第二十条第（六）项·行政处罚」行「本年处理决定数量」列填的是「3 5」，不是数字', line: 28 }], edit: (t) => t.replace('行政处罚\t35', '行政处罚\t3 5'), path: 'active.punishment.decisions' },
      { name: 'a circled digit', errors: [{ message: '第二部分「第二十条第（六）项·行政处罚」行「本年处理决定数量」列填的是「①」，不是数字', line: 28 }], edit: (t) => t.replace('行政处罚\t35', '行政处罚\t①'), path: 'active.punishment.decisions' },
      { name: 'a 16-digit count', errors: [{ message: '第二部分「第二十条第（五）项·行政许可」行「本年处理决定数量」列填的是 16 位数「10000000…」，超出可精确表示的范围（最多 15 位），不是可能的件数', line: 24 }], edit: (t) => t.replace('行政许可\t120', '行政许可\t1000000000000000'), path: 'active.licensing.decisions' },
    ],
  },
} satisfies Rule;
