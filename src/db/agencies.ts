// The agency tree: a new agency, or one placed under another. `path` (`/1/7/23/`) is kept for
// the agency and everything below it, in one transaction, so subtree queries stay one prefix match.
import { eq, sql } from 'drizzle-orm';
import type { Db } from './index.ts';
import { agencies } from './schema.ts';

export async function placeAgency(db: Db, a: { name: string; parentId: number | null; kind: string }): Promise<{ id: number; path: string; before: { path: string } | null } | { refused: 'no-parent' | 'cycle'; name: string }> {
  return db.transaction(async (tx) => {
    const parent = a.parentId === null ? null : (await tx.select().from(agencies).where(eq(agencies.id, a.parentId)))[0];
    if (a.parentId !== null && !parent) return { refused: 'no-parent', name: a.name };
    const [existing] = await tx.select().from(agencies).where(eq(agencies.name, a.name)).orderBy(agencies.id).limit(1);
    if (!existing) {
      const [row] = await tx.insert(agencies).values({ name: a.name, parentId: a.parentId, kind: a.kind }).returning({ id: agencies.id });
      const path = `${parent?.path ?? '/'}${row.id}/`;
      await tx.update(agencies).set({ path }).where(eq(agencies.id, row.id));
      return { id: row.id, path, before: null };
    }
    if (parent && parent.path.startsWith(existing.path)) return { refused: 'cycle', name: existing.name };
    const path = `${parent?.path ?? '/'}${existing.id}/`;
    await tx.update(agencies).set({ parentId: a.parentId, kind: a.kind }).where(eq(agencies.id, existing.id));
    // The subtree moves with it.
    await tx.update(agencies).set({ path: sql`${path} || substr(${agencies.path}, ${existing.path.length + 1})` }).where(sql`${agencies.path} like ${`${existing.path}%`}`);
    return { id: existing.id, path, before: { path: existing.path } };
  });
}
