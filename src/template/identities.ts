// The 勾稽关系 printed in (or implied by) the format, expanded from the table shapes.
import type { ApplicationsTableDef, Identity, ReviewsTableDef, RowDef, RowGroupDef } from './types.ts';

export const isGroup = (r: RowDef | RowGroupDef): r is RowGroupDef => 'rows' in r;

/** Model paths of the section 三 rows, relative to `applications`, in printed order. */
export function applicationRowPaths(t: ApplicationsTableDef): string[] {
  return t.rows.flatMap((r) => (isGroup(r) ? r.rows.map((s) => `${r.key}.${s.key}`) : [r.key]));
}

/** The rows that （七）总计 sums: everything between 三、本年度办理结果 and （七）总计. */
export function outcomeRowPaths(t: ApplicationsTableDef): string[] {
  return applicationRowPaths(t).filter((p) => !['received', 'carriedOver', 'total', 'carriedForward'].includes(p));
}

export function identitiesOf(apps: ApplicationsTableDef, reviews: ReviewsTableDef): Identity[] {
  const out: Identity[] = [];
  const parts = apps.columns.filter((c) => c.key !== 'total').map((c) => c.key);
  for (const row of applicationRowPaths(apps)) {
    const at = `applications.${row}.total`;
    out.push({ rule: 's3-row-total', left: [at], right: parts.map((c) => `applications.${row}.${c}`), at });
  }
  for (const col of apps.columns) {
    const at = `applications.total.${col.key}`;
    out.push({ rule: 's3-outcome-total', left: [at], right: outcomeRowPaths(apps).map((r) => `applications.${r}.${col.key}`), at });
    out.push({
      rule: 's3-balance',
      left: [`applications.received.${col.key}`, `applications.carriedOver.${col.key}`],
      right: [at, `applications.carriedForward.${col.key}`],
      at: `applications.carriedForward.${col.key}`,
    });
  }
  const reviewParts = reviews.columns.filter((c) => c.key !== 'total').map((c) => c.key);
  for (const g of reviews.groups) {
    const at = `reviews.${g.key}.total`;
    out.push({ rule: 's4-total', left: [at], right: reviewParts.map((c) => `reviews.${g.key}.${c}`), at });
  }
  return out;
}
