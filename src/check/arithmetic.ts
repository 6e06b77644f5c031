// The arithmetic rules are one loop over the identities the template declares.
import { getCell } from '../model/paths.ts';
import { describeCell } from './describe.ts';
import type { Finding, RuleContext } from './rule.ts';

const fmt = (n: number) => String(Math.round(n * 1e6) / 1e6);

export function checkIdentities(rule: string, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const id of ctx.template.identities) {
    if (id.rule !== rule) continue;
    const left = id.left.map((p) => getCell(ctx.report, p));
    const right = id.right.map((p) => getCell(ctx.report, p));
    // A sum over a null is not computed: the blank cell is blank-cell's to report.
    if ([...left, ...right].some((v) => v === null || v === undefined)) continue;
    const l = (left as number[]).reduce((a, b) => a + b, 0);
    const r = (right as number[]).reduce((a, b) => a + b, 0);
    if (Math.abs(l - r) < 1e-9) continue;
    out.push({ path: id.at, message: messageFor(rule, ctx, id.at, l, r, id.left.length) });
  }
  return out;
}

function messageFor(rule: string, ctx: RuleContext, at: string, l: number, r: number, nLeft: number): string {
  const where = describeCell(ctx.template, at);
  if (rule === 's3-balance') return `${where}：本年新收加上年结转为 ${fmt(l)}，办理结果总计加结转下年度为 ${fmt(r)}，不相等`;
  if (nLeft === 1) return `${where}：表中为 ${fmt(l)}，各分项之和为 ${fmt(r)}`;
  return `${where}：${fmt(l)} ≠ ${fmt(r)}`;
}
