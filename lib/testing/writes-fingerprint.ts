/**
 * A fingerprint of every table of the application's schema, for tests that must prove a call wrote nothing:
 * each table's row count and an md5 of all its rows. The tables are listed from the catalog, not by hand, so
 * a table added later (or one a refused call should never touch, like sessions or users) is covered too.
 */
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";

let cachedTables: string[] | undefined;

async function tables(db: DbOrTx): Promise<string[]> {
  cachedTables ??= (
    await queryRows<{ name: string }>(
      db,
      sql`SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
  ).map((r) => r.name);
  return cachedTables;
}

/** Table name → `count:md5` of its rows (ordered by their text, so no id column is needed). */
export async function tablesFingerprint(db: DbOrTx): Promise<Record<string, string>> {
  const names = await tables(db);
  // Names come from the catalog and are quoted; nothing here comes from input.
  const parts = names.map(
    (n) =>
      sql`(SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM ${sql.identifier(n)} t) AS ${sql.identifier(n)}`,
  );
  const [row] = await queryRows<Record<string, string>>(db, sql`SELECT ${sql.join(parts, sql`, `)}`);
  return row!;
}

/** The tables whose fingerprint differs, with before and after, for a readable failure. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): Record<string, { before?: string; after?: string }> {
  const out: Record<string, { before?: string; after?: string }> = {};
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[name] !== after[name]) out[name] = { before: before[name], after: after[name] };
  }
  return out;
}
