/**
 * The application role on PostgreSQL (db/roles.ts): what the server connects as cannot rewrite the audit
 * trail or switch its triggers off, yet can do the writes the application does. PGlite has one user and no
 * roles, so there is nothing to prove there: these cases run only with TEST_DATABASE_URL.
 */
import { sql } from "drizzle-orm";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, queryRows, type DbHandle } from "@/db/client";
import { seed } from "@/lib/seed";
import { createTestDb } from "@/lib/testing/db";
import { ensureAppRole, grantAppRole, privilegeProblems } from "@/db/roles";

// Roles are cluster-wide; one fixed name, created idempotently, serves every run and database.
const ROLE = "sadasyata_test_app";
const base = process.env.TEST_DATABASE_URL;

describe.skipIf(!base)("the application role on PostgreSQL (skipped without TEST_DATABASE_URL: PGlite has no roles)", () => {
  let owner: DbHandle;
  let app: Client;
  let appUrl: string;

  /** The error code of a statement run as the application role, or "ok". */
  const asApp = async (text: string): Promise<string> => {
    try {
      await app.query(text);
      return "ok";
    } catch (err) {
      return (err as { code?: string }).code ?? String(err);
    }
  };
  const auditCount = async () => (await queryRows<{ n: number }>(owner.db, sql`SELECT count(*)::int AS n FROM audit_events`))[0]!.n;

  beforeAll(async () => {
    owner = await createTestDb("postgres");
    await seed(owner.db, { members: 50, demoUsers: true });
    await owner.db.execute(sql`INSERT INTO audit_events (actor_label, action, entity_type) VALUES ('test', 'test.seeded', 'test')`);
    const admin = new Client({ connectionString: base });
    await admin.connect();
    try {
      await ensureAppRole(admin, ROLE);
    } finally {
      await admin.end();
    }
    await grantAppRole(owner.db, ROLE);
    const [{ db } = { db: "" }] = await queryRows<{ db: string }>(owner.db, sql`SELECT current_database() AS db`);
    const u = new URL(base!);
    u.pathname = `/${db}`;
    u.username = ROLE;
    u.password = "";
    appUrl = u.toString();
    app = new Client({ connectionString: appUrl });
    await app.connect();
  });
  afterAll(async () => {
    await app?.end();
    await owner?.close();
  });

  it("is not a superuser and owns no table, schema or the database", async () => {
    const { rows } = await app.query<{ superuser: boolean; createdb: boolean; createrole: boolean; tables: number; schemas: number; db_owner: boolean }>(
      `SELECT r.rolsuper AS superuser, r.rolcreatedb AS createdb, r.rolcreaterole AS createrole,
              (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS tables,
              (SELECT count(*)::int FROM pg_namespace n WHERE n.nspowner = r.oid) AS schemas,
              (SELECT datdba = r.oid FROM pg_database WHERE datname = current_database()) AS db_owner
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows[0]).toEqual({ superuser: false, createdb: false, createrole: false, tables: 0, schemas: 0, db_owner: false });
    const appDb = await openDb({ url: appUrl, max: 1 });
    try {
      expect(await privilegeProblems(appDb.db)).toEqual([]);
    } finally {
      await appDb.close();
    }
    // The owner's connection is what the server's start-up warning is for.
    expect((await privilegeProblems(owner.db)).join("; ")).toMatch(/superuser|owns/);
  });

  it("may append to audit_events and read it, but never UPDATE, DELETE or TRUNCATE it", async () => {
    const before = await auditCount();
    expect(await asApp("INSERT INTO audit_events (actor_label, action, entity_type) VALUES ('app', 'test.appended', 'test')")).toBe("ok");
    expect(await auditCount()).toBe(before + 1);
    expect(await asApp("SELECT count(*) FROM audit_events")).toBe("ok");
    // 42501 insufficient_privilege from the grants themselves, before any trigger is reached.
    expect(await asApp("UPDATE audit_events SET action = 'forged'")).toBe("42501");
    expect(await asApp("DELETE FROM audit_events")).toBe("42501");
    expect(await asApp("TRUNCATE audit_events")).toBe("42501");
    const { rows } = await app.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action = 'forged'");
    expect(rows[0]!.n).toBe(0);
    expect(await auditCount()).toBe(before + 1);
  });

  it("cannot switch the audit triggers off, nor get around them", async () => {
    expect(await asApp("SET session_replication_role = replica")).toBe("42501");
    expect(await asApp("SET LOCAL session_replication_role = replica")).toBe("42501");
    expect(await asApp("ALTER TABLE audit_events DISABLE TRIGGER ALL")).toBe("42501");
    expect(await asApp("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete")).toBe("42501");
    expect(await asApp("DROP TRIGGER audit_events_no_truncate ON audit_events")).toBe("42501");
    expect(await asApp("DROP TABLE audit_events")).toBe("42501");
    expect(await asApp("ALTER TABLE audit_events OWNER TO CURRENT_USER")).toBe("42501");
    // A non-owner's GRANT only warns "no privileges were granted": the UPDATE stays refused.
    await asApp("GRANT UPDATE ON audit_events TO CURRENT_USER");
    expect(await asApp("UPDATE audit_events SET action = 'forged'")).toBe("42501");
    // Nor create its own objects to hide work in (PostgreSQL 15 no longer lets PUBLIC create in public).
    expect(await asApp("CREATE TABLE public.app_scratch (id int)")).toBe("42501");
    const { rows } = await app.query<{ session_replication_role: string }>("SHOW session_replication_role");
    expect(rows[0]).toEqual({ session_replication_role: "origin" });
    // The append-only trigger still refuses even the owner.
    const refused = await owner.db.execute(sql`DELETE FROM audit_events`).then(
      () => "deleted",
      (err: { cause?: { message?: string } }) => err.cause?.message ?? String(err),
    );
    expect(refused).toMatch(/append-only/);
  });

  it("writes members, and the counter trigger (running as the app role) writes the counters", async () => {
    const [{ booth_id: boothId, members: before } = { booth_id: 0, members: 0 }] = await queryRows<{ booth_id: number; members: number }>(
      owner.db,
      sql`SELECT c.booth_id, c.members FROM booth_counters c ORDER BY c.booth_id LIMIT 1`,
    );
    const insert = await asApp(
      `INSERT INTO members (state_id, membership_no, epic, name, gender, age, caste_category, booth_id, ac_id, district_id, channel, consent_version, enrolled_on)
       SELECT b.state_id, 'ZZ26-9999001', 'ROL0000001', 'Role test', 'F', 30, 'GEN', b.id, b.ac_id, b.district_id, 'import', 'v1', current_date
         FROM booths b WHERE b.id = ${boothId}`,
    );
    expect(insert).toBe("ok");
    const counted = async () =>
      (await queryRows<{ members: number }>(owner.db, sql`SELECT members FROM booth_counters WHERE booth_id = ${boothId}`))[0]!.members;
    expect(await counted()).toBe(before + 1);
    // An erasure is an UPDATE; moving the member out again fires the delete path of the same trigger.
    expect(await asApp("UPDATE members SET name = NULL, phone = NULL, erased_at = now() WHERE membership_no = 'ZZ26-9999001'")).toBe("ok");
    expect(await asApp("DELETE FROM members WHERE membership_no = 'ZZ26-9999001'")).toBe("ok");
    expect(await counted()).toBe(before);
    expect(await asApp("SELECT nextval(pg_get_serial_sequence('members', 'id'))")).toBe("ok");
    // The seed's setval is the owner's business.
    expect(await asApp("SELECT setval(pg_get_serial_sequence('members', 'id'), 1)")).toBe("42501");
  });

  it("is granted a table a later migration adds, once migrations re-grant", async () => {
    await owner.db.execute(sql`CREATE TABLE later_feature (id serial PRIMARY KEY, note text)`);
    expect(await asApp("INSERT INTO later_feature (note) VALUES ('x')")).toBe("42501");
    await grantAppRole(owner.db, ROLE);
    expect(await asApp("INSERT INTO later_feature (note) VALUES ('x')")).toBe("ok");
    expect(await asApp("TRUNCATE later_feature")).toBe("42501");
    // Re-granting kept the audit exception.
    expect(await asApp("DELETE FROM audit_events")).toBe("42501");
  });

  it("refuses to adopt an existing role that has powers", async () => {
    const admin = new Client({ connectionString: base });
    await admin.connect();
    try {
      await expect(ensureAppRole(admin, "postgres")).rejects.toThrow(/SUPERUSER/);
    } finally {
      await admin.end();
    }
  });
});
