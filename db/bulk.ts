import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

/** A column for a set-based insert: its SQL type and one value per row. */
export type BulkColumn = readonly [pgType: string, values: readonly unknown[]];

/**
 * Inserts many rows in one statement per chunk: `INSERT … SELECT * FROM unnest($1::type[], …)`. Arrays bind
 * as single parameters on both engines, so 10,000 rows cost one round trip instead of 10,000.
 * Table and column names come from code, never from input.
 */
export async function bulkInsert(
  db: DbOrTx,
  table: string,
  columns: Record<string, BulkColumn>,
  opts: { chunk?: number; suffix?: SQL } = {},
): Promise<void> {
  const names = Object.keys(columns);
  const first = columns[names[0] ?? ""];
  const rows = first ? first[1].length : 0;
  for (const [name, [, values]] of Object.entries(columns)) {
    if (values.length !== rows) throw new Error(`bulkInsert ${table}.${name}: ${values.length} values, expected ${rows}`);
  }
  const chunk = opts.chunk ?? 10_000;
  for (let start = 0; start < rows; start += chunk) {
    const end = Math.min(rows, start + chunk);
    const arrays = names.map((name) => {
      const [type, values] = columns[name]!;
      return sql`${sql.param(values.slice(start, end))}::${sql.raw(type)}[]`;
    });
    await db.execute(
      sql`INSERT INTO ${sql.raw(table)} (${sql.raw(names.join(", "))}) SELECT * FROM unnest(${sql.join(arrays, sql`, `)}) ${opts.suffix ?? sql``}`,
    );
  }
}

/** After inserting explicit ids, moves the table's id sequence past them. */
export async function syncIdSequence(db: DbOrTx, table: string): Promise<void> {
  await db.execute(
    sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), greatest(1, (SELECT coalesce(max(id), 0) FROM ${sql.raw(table)})))`,
  );
}
