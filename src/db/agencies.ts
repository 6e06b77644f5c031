// The agency tree: a new agency, or one placed under another. `path` (`/1/7/23/`) is kept for
// the agency and everything below it, in one transaction, so subtree queries stay one prefix match.
import { eq, sql } from 'drizzle-orm';
import type { Db } from './index.ts';
import { agencies } from './schema.ts';

export interface AgencyPlace {
  name: string;
  parentId: number | null;
  kind: string;
  /** The division code, where it is given (else the one the agency has stays). */
  regionCode?: string | null;
}

export async function placeAgency(db: Db, a: AgencyPlace): Promise<{ id: number; path: string; before: { path: string } | null } | { refused: 'no-parent' | 'cycle'; name: string }> {
  return db.transaction(async (tx) => {
    const parent = a.parentId === null ? null : (await tx.select().from(agencies).where(eq(agencies.id, a.parentId)))[0];
    if (a.parentId !== null && !parent) return { refused: 'no-parent', name: a.name };
    const [existing] = await tx.select().from(agencies).where(eq(agencies.name, a.name)).orderBy(agencies.id).limit(1);
    if (!existing) {
      const [row] = await tx.insert(agencies).values({ name: a.name, parentId: a.parentId, kind: a.kind, regionCode: a.regionCode ?? null }).returning({ id: agencies.id });
      const path = `${parent?.path ?? '/'}${row.id}/`;
      await tx.update(agencies).set({ path }).where(eq(agencies.id, row.id));
      return { id: row.id, path, before: null };
    }
    if (parent && parent.path.startsWith(existing.path)) return { refused: 'cycle', name: existing.name };
    const path = `${parent?.path ?? '/'}${existing.id}/`;
    await tx.update(agencies).set({ parentId: a.parentId, kind: a.kind, ...(a.regionCode ? { regionCode: a.regionCode } : {}) }).where(eq(agencies.id, existing.id));
    // The subtree moves with it.
    await tx.update(agencies).set({ path: sql`${path} || substr(${agencies.path}, ${existing.path.length + 1})` }).where(sql`${agencies.path} like ${`${existing.path}%`}`);
    return { id: existing.id, path, before: { path: existing.path } };
  });
}

/** A row of an agencies CSV: its line, the agency's full name, its parent's full name (null: a root). */
export interface AgencyRow {
  line: number;
  name: string;
  parent: string | null;
  kind: string;
  regionCode: string | null;
}

class Refused extends Error {}

/**
 * Places every row (a government, its office, its departments…) in one transaction: all of the
 * file or none of it. A parent is named by its full name, as reports name agencies — another row
 * of the file (in any order) or an agency already stored; a row that names itself or its own
 * subtree as parent, a name twice, or a parent found nowhere refuses the file, naming the line.
 */
export async function importAgencies(db: Db, rows: AgencyRow[]): Promise<{ created: number; moved: number } | { refused: string }> {
  const byName = new Map<string, AgencyRow>();
  for (const r of rows) {
    const twice = byName.get(r.name);
    if (twice) return { refused: `第 ${r.line} 行：「${r.name}」在第 ${twice.line} 行已经出现` };
    byName.set(r.name, r);
  }
  // Parents before children: each row after the row of its parent, if the file has one.
  const order: AgencyRow[] = [];
  const state = new Map<AgencyRow, 'visiting' | 'done'>();
  for (const start of rows) {
    const chain: AgencyRow[] = [];
    for (let r: AgencyRow | undefined = start; r && state.get(r) !== 'done'; r = r.parent === null ? undefined : byName.get(r.parent)) {
      if (state.get(r) === 'visiting') return { refused: `第 ${r.line} 行：「${r.name}」的上级链条回到了它自己` };
      state.set(r, 'visiting');
      chain.push(r);
    }
    for (const r of chain.reverse()) {
      state.set(r, 'done');
      order.push(r);
    }
  }
  try {
    return await db.transaction(async (tx) => {
      let created = 0;
      let moved = 0;
      for (const r of order) {
        let parentId: number | null = null;
        if (r.parent !== null) {
          const [p] = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.name, r.parent)).orderBy(agencies.id).limit(1);
          if (!p) throw new Refused(`第 ${r.line} 行：上级「${r.parent}」既不在文件中，也不在已有机关中`);
          parentId = p.id;
        }
        const out = await placeAgency(tx as unknown as Db, { name: r.name, parentId, kind: r.kind, regionCode: r.regionCode });
        if ('refused' in out) throw new Refused(`第 ${r.line} 行：不能把「${r.name}」放到它自己或它的下级之下`);
        if (out.before) moved++;
        else created++;
      }
      return { created, moved };
    });
  } catch (e) {
    if (e instanceof Refused) return { refused: e.message };
    throw e;
  }
}
