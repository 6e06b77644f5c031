// The arithmetic rules are one loop over the identities the template declares.
import type { Cell } from '../model/report.ts';
import { sameValue } from '../util/exact.ts';
import { describeCell } from './describe.ts';
import type { Finding, RuleContext } from './rule.ts';
import { planOf, sum, type Plan } from './totals.ts';

// Sums are exact (util/exact.ts, as the sum of departments adds): no float noise to round away.
const fmt = String;

/** The plan's cells of this check's report, read once for the four rules (a context is one check of one report). */
const values = new WeakMap<RuleContext, (Cell | undefined)[]>();

function valuesOf(ctx: RuleContext, plan: Plan): (Cell | undefined)[] {
  let v = values.get(ctx);
  if (!v) {
    v = plan.read(ctx.report);
    values.set(ctx, v);
  }
  return v;
}

export function checkIdentities(rule: string, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const plan = planOf(ctx.template);
  const ids = plan.byRule.get(rule);
  if (!ids) return out;
  const v = valuesOf(ctx, plan);
  for (const { id, left, right } of ids) {
    // A sum over a null is not computed: the blank cell is blank-cell's to report.
    const l = sum(v, left);
    if (l === null) continue;
    const r = sum(v, right);
    if (r === null) continue;
    if (sameValue(l, r)) continue;
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

