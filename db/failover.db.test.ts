/**
 * The multi-host pool against the real PostgreSQL (TEST_DATABASE_URL): a node that refuses connections is passed
 * over, a read-only node is not written to, and with no node taking writes the pool says so. (The failover
 * itself, with pg_auto_failover, is the cluster's chaos test.)
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, queryRows } from "@/db/client";
import { DatabaseUnavailableError, isConnectionFailure } from "@/db/failover";
import { adminQuery } from "@/lib/testing/db";

const base = process.env.TEST_DATABASE_URL;
const RO = `sadasyata_t_readonly_${process.pid}`;

/** TEST_DATABASE_URL's server as one node of a multi-host URL, after `before` (e.g. a port nobody listens on). */
function multiHost(before: string, db: string): string {
  const u = new URL(base!);
  // A password the server (trust authentication here) ignores, to prove no message repeats it.
  const auth = `${u.username || "postgres"}:${u.password || "s3cret"}@`;
  return `postgres://${auth}${before},${u.hostname}:${u.port || 5432}/${db}?target_session_attrs=read-write`;
}

describe.skipIf(!base)("the multi-host pool on PostgreSQL", () => {
  beforeAll(async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${RO}`);
    await adminQuery(`CREATE DATABASE ${RO}`);
    // What a standby answers to libpq's read-write test: SHOW transaction_read_only = on.
    await adminQuery(`ALTER DATABASE ${RO} SET default_transaction_read_only = on`);
  });
  afterAll(async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${RO} WITH (FORCE)`);
  });

  it("passes over a node that refuses connections and writes to the one that accepts them", async () => {
    const h = await openDb({ url: multiHost("127.0.0.1:1", new URL(base!).pathname.slice(1)), max: 2 });
    try {
      const rows = await queryRows<{ ro: string }>(h.db, sql`SELECT current_setting('transaction_read_only') AS ro`);
      expect(rows[0]!.ro).toBe("off");
      // Every pooled connection after the first goes straight to the remembered node.
      await Promise.all([1, 2, 3].map(() => h.db.execute(sql`SELECT pg_sleep(0.05)`)));
    } finally {
      await h.close();
    }
  });

  it("never writes to a read-only node: with no node taking writes, queries fail as DatabaseUnavailable", async () => {
    const h = await openDb({ url: multiHost("127.0.0.1:1", RO), max: 2 });
    try {
      const err = await h.db.execute(sql`SELECT 1`).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).not.toBeNull();
      expect(isConnectionFailure(err)).toBe(true);
      const unavailable = (e: unknown): boolean => e instanceof DatabaseUnavailableError || (typeof e === "object" && e !== null && unavailable((e as { cause?: unknown }).cause));
      expect(unavailable(err)).toBe(true);
      expect(String((err as Error).message ?? err)).not.toMatch(/s3cret/);
    } finally {
      await h.close();
    }
  });
});
