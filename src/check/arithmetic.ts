// The arithmetic rules are one loop over the identities the template declares.
import { getCell } from '../model/paths.ts';
import { sameValue, sumCells } from '../util/exact.ts';
import { describeCell } from './describe.ts';
import type { Identity, Template } from '../template/index.ts';
import type { Finding, RuleContext } from './rule.ts';

// Sums are exact (util/exact.ts, as the sum of departments adds): no float noise to round away.
const fmt = String;

/** The exact sum of the cells at `paths`; null when any is null (or not printed). */
const sum = (ctx: RuleContext, paths: string[]) => sumCells(paths.map((p) => getCell(ctx.report, p) ?? null));

const byRule = new Map<Template, Map<string, Identity[]>>();

function identitiesOf(t: Template, rule: string): Identity[] {
  let m = byRule.get(t);
  if (!m) {
    m = new Map();
    for (const id of t.identities) m.set(id.rule, [...(m.get(id.rule) ?? []), id]);
    byRule.set(t, m);
  }
  return m.get(rule) ?? [];
}

export function checkIdentities(rule: string, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const id of identitiesOf(ctx.template, rule)) {
    // A sum over a null is not computed: the blank cell is blank-cell's to report.
    const l = sum(ctx, id.left);
    const r = sum(ctx, id.right);
    if (l === null || r === null) continue;
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
