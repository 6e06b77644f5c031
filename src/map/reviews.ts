// Section 四 (行政复议、行政诉讼): one run of values after the header cells, five columns for each group.
import { wordings, type Template } from '../template/index.ts';
import type { Item } from './items.ts';
import { labelKey } from './normalize.ts';
import { fit, assign, type Ctx } from './tables.ts';

/** The characters of the header words, and the key of the first group's label: once per template (they were made per report). */
const reviewKeys = new Map<string, { chars: Set<string>; first: string }>();

function keysOf(t: Template): { chars: Set<string>; first: string } {
  let k = reviewKeys.get(t.version);
  if (!k) {
    const r = t.reviews;
    const labels = [...r.groups.flatMap((g) => [g.label, ...(g.parent ? [g.parent] : [])]), ...r.columns.map((c) => c.label)];
    k = { chars: new Set(labels.flatMap(wordings).map(labelKey).join('')), first: labelKey(r.groups[0].label.official) };
    reviewKeys.set(t.version, k);
  }
  return k;
}

/** Index of the first section 四 header cell (行政复议) in [from, to). */
export function firstReviewsLabel(items: Item[], template: Template, from: number, to: number): number {
  const first = keysOf(template).first;
  for (let i = from; i < to; i++) if (!items[i].value && items[i].key === first) return i;
  return -1;
}

export function mapReviews(ctx: Ctx, from: number, to: number) {
  const start = firstReviewsLabel(ctx.items, ctx.template, from, to);
  if (start < 0) return;
  // Header cells are short and made of the header words, possibly split or run together
  // (`结果` / `维持`, a PDF's `结果其他纠正结果`): every character is one of theirs.
  const chars = keysOf(ctx.template).chars;
  const isHeader = (it: Item) => !it.value && it.key.length <= 24 && [...it.key].every((ch) => chars.has(ch));
  let lastHeader = start;
  for (let i = start; i < to; i++) {
    const it = ctx.items[i];
    if (isHeader(it)) lastHeader = i;
    else if (!it.value) break;
  }
  const vals: number[] = [];
  // Empty cells left in the last header row (the `||||` of its merged cells) are no values.
  let first = lastHeader + 1;
  const header = ctx.items[lastHeader];
  while (first < to && header.tableRow && ctx.items[first].row === header.row && ctx.items[first].text === '') first++;
  for (let i = first; i < to && ctx.items[i].value; i++) vals.push(i);
  const groups = ctx.template.reviews.groups;
  const cols = ctx.template.reviews.columns;
  ctx.source.tables.reviews = { found: true, line: ctx.items[start].line };
  const n = groups.length * cols.length;
  const fitted = fit(ctx, vals, n, 'reviews');
  groups.forEach((g, gi) => assign(ctx, `reviews.${g.key}`, cols, fitted.slice(gi * cols.length, (gi + 1) * cols.length)));
  ctx.spans.push([start, (vals.length ? vals[vals.length - 1] : lastHeader) + 1]);
}
