/**
 * The multi-host pool against the real PostgreSQL (TEST_DATABASE_URL): a node that refuses connections is passed
 * over, a read-only node is not written to, and with no node taking writes the pool says so. (The failover
 * itself, with pg_auto_failover, is the cluster's chaos test.)
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, queryRows } from "@/db/client";
import pg from "pg";
import { DatabaseUnavailableError, isConnectionFailure, nodeClientClass, NodeRouter, type HostPort, type MultiHostUrl } from "@/db/failover";
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

  it("a prefer-standby router picks the node that answers read-only, as a hot standby does, wherever it is listed", async () => {
    const u = new URL(base!);
    // Two names of this one server, each with its own database: "localhost" is the read-only one (the standby).
    const nodes = (attrs: MultiHostUrl["targetSessionAttrs"], roName: string | null): MultiHostUrl => ({
      hosts: [
        { host: "127.0.0.1", port: Number(u.port || 5432) },
        { host: "localhost", port: Number(u.port || 5432) },
      ],
      targetSessionAttrs: attrs,
      urlFor: (node: HostPort) => {
        const v = new URL(base!);
        v.hostname = node.host;
        if (node.host === "localhost" && roName) v.pathname = `/${roName}`;
        return v.toString();
      },
    });
    expect((await new NodeRouter(nodes("prefer-standby", RO)).node()).host).toBe("localhost");
    expect((await new NodeRouter(nodes("read-write", RO)).node()).host).toBe("127.0.0.1");
    // With no node in standby, any node that answers serves the reads.
    expect((await new NodeRouter(nodes("prefer-standby", null)).node()).host).toBe("127.0.0.1");

    // A chosen standby that turns out to take writes (promoted by a failover) is kept only for a while: then the
    // router looks for a standby again. (The pool's clients use TEST_DATABASE_URL's database, which takes writes,
    // on either name: to them "localhost" is no longer a standby.)
    const router = new NodeRouter(nodes("prefer-standby", RO), { fallbackKeepMs: 50 });
    expect((await router.node()).host).toBe("localhost");
    const pool = new pg.Pool({ connectionString: base!, max: 1, Client: nodeClientClass(router) });
    try {
      await pool.query("SELECT 1");
      await adminQuery(`ALTER DATABASE ${RO} SET default_transaction_read_only = off`);
      await new Promise((r) => setTimeout(r, 100));
      expect((await router.node()).host).toBe("127.0.0.1");
    } finally {
      await pool.end();
      await adminQuery(`ALTER DATABASE ${RO} SET default_transaction_read_only = on`);
    }
  });

  it("a read pool without a standby reads the primary: its state says so, with no lag", async () => {
    const db = new URL(base!).pathname.slice(1);
    const h = await openDb({ url: base!, readUrl: multiHost("127.0.0.1:1", db).replace("read-write", "prefer-standby"), max: 2 });
    try {
      const state = await h.replica!.state();
      expect(state).toMatchObject({ ok: true, standby: false, replayed: null, lagMs: 0 });
      const rows = await queryRows<{ n: number }>(h.replica!.db, sql`SELECT 1 AS n`);
      expect(rows[0]!.n).toBe(1);
      expect(await h.replica!.primaryLsn()).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    } finally {
      await h.close();
    }
  });
});

