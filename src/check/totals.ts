// The template's identities ready to evaluate on a report: read by the arithmetic rules
// (arithmetic.ts) and by the web app's form (expectedTotals), which passes the template the API
// gave it — nothing here reads the template modules, so the page bundles no second copy of them.
import { cellsReader } from '../model/paths.ts';
import type { Cell, Report } from '../model/report.ts';
import type { Identity, Template } from '../template/types.ts';
import { sumCells } from '../util/exact.ts';

/**
 * A template's identities made ready once: every cell any of them reads, in one list read by one
 * `cellsReader` a report (shared by the four rules through `valuesOf`), and each identity's sides
 * as indices into it. Path by path (`getCell` on each, an array and `sumCells` each side) the four
 * rules were 5.3 % of a generated report's cpu profile (checkIdentities 4.1 %), now 1.2 %.
 */
export interface Plan {
  read: (report: Report) => (Cell | undefined)[];
  byRule: Map<string, { id: Identity; left: number[]; right: number[] }[]>;
}

const plans = new Map<Template, Plan>();

export function planOf(t: Template): Plan {
  let plan = plans.get(t);
  if (!plan) {
    const index = new Map<string, number>();
    const at = (p: string) => {
      let i = index.get(p);
      if (i === undefined) index.set(p, (i = index.size));
      return i;
    };
    const byRule: Plan['byRule'] = new Map();
    for (const id of t.identities) {
      const list = byRule.get(id.rule) ?? [];
      list.push({ id, left: id.left.map(at), right: id.right.map(at) });
      byRule.set(id.rule, list);
    }
    plan = { read: cellsReader([...index.keys()]), byRule };
    plans.set(t, plan);
  }
  return plan;
}

/**
 * The exact sum of the cells at `at`; null when any is null (or not printed). The same as
 * `sumCells` on them, which it is called for only where a value has a fraction (never in
 * sections 三 and 四 as printed): whole numbers are added in the same order from 0.
 */
export function sum(values: (Cell | undefined)[], at: number[]): Cell {
  let total = 0;
  let whole = true;
  for (let i = 0; i < at.length; i++) {
    const v = values[at[i]];
    if (!Number.isFinite(v)) return null;
    if (!Number.isInteger(v)) whole = false;
    total += v as number;
  }
  return whole ? total : sumCells(at.map((i) => values[i] as number));
}

/**
 * What each identity's printed cell (its `at`: a 总计, a 结转下年度) should be, given the other
 * cells of the identity: the other side's sum less the rest of its own side, exact. Only where
 * every other cell is a number; a cell several identities end at (the grand 总计) has one value
 * each. For a form that shows the 勾稽关系 as the clerk types (web/src/pages/Write.tsx), so the
 * page and the rules read the one list of identities the template declares.
 */
export function expectedTotals(t: Template, report: Report): Map<string, { rule: string; value: number }[]> {
  const out = new Map<string, { rule: string; value: number }[]>();
  const plan = planOf(t);
  const v = plan.read(report);
  for (const ids of plan.byRule.values())
    for (const { id, left, right } of ids) {
      const inLeft = id.left.includes(id.at);
      const [own, other] = inLeft ? [left, right] : [right, left];
      const self = own[(inLeft ? id.left : id.right).indexOf(id.at)];
      const rest = sum(v, own.filter((i) => i !== self));
      const total = sum(v, other);
      if (rest === null || total === null) continue;
      const value = sumCells([total, -rest]);
      if (value === null) continue;
      const list = out.get(id.at) ?? [];
      list.push({ rule: id.rule, value });
      out.set(id.at, list);
    }
  return out;
}
