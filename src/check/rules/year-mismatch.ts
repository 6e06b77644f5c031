import type { Rule } from '../rule.ts';

export default {
  meta: { id: 'year-mismatch', severity: 'warning', description: '标题、统计期限和正文说的年度一致' },
  check(ctx) {
    const { title, period, body, bodyLine } = ctx.source.years;
    // The body's most-mentioned year is weaker evidence (plans for next year, last year's
    // problems): it is compared only where the title or the statistics period is not stated.
    const stated = [
      { where: '标题', year: title, line: ctx.source.title?.line ?? null },
      { where: '统计期限', year: period, line: bodyLine },
    ].filter((x) => x.year !== null);
    if (stated.length < 2 && body !== null) stated.push({ where: '正文', year: body, line: bodyLine });
    const first = stated[0];
    const other = stated.find((x) => x.year !== first?.year);
    if (!first || !other) return [];
    return [{ path: 'meta.year', line: other.line, message: `${first.where}写的是 ${first.year} 年，${other.where}写的是 ${other.year} 年` }];
  },
  examples: {
    ok: [{ name: 'clean report' }],
    notOk: [{ name: 'last year’s title kept', errors: [{ message: '标题写的是 2023 年，正文写的是 2024 年', line: 5 }], edit: (t) => t.replace('2024年度广水市', '2023年度广水市'), path: 'meta.year' }],
  },
} satisfies Rule;
