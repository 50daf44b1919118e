import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDb, openDb, queryRows, type DbHandle } from "@/db/client";
import { createTestDb, testEngines } from "@/lib/testing/db";
import { verifyPassword } from "@/lib/auth/credentials";
import { CLI_ACTOR, userCreate, type CliIo } from "@/scripts/user-create";
import { seedUserAdmin } from "@/lib/testing/factories";

const globalForDb = globalThis as unknown as { __sadasyataDb?: Promise<DbHandle> };

function io(stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => stdin };
  return { io: value, out, err };
}

describe.each(testEngines())("npm run user:create on %s", (engine) => {
  let h: DbHandle;
  const count = async () =>
    (await queryRows<{ users: number; audit: number }>(h.db, sql`SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM audit_events) AS audit`))[0]!;

  beforeAll(async () => {
    h = await createTestDb(engine);
    await seedUserAdmin(h.db);
    globalForDb.__sadasyataDb = Promise.resolve(h);
  });
  afterAll(async () => {
    globalForDb.__sadasyataDb = undefined;
    await h?.close();
  });

  it("creates an administrator with a generated password printed once, audited as cli:user-create", async () => {
    const r = io();
    expect(await userCreate(h.db, ["--email", "First@Admin.local", "--role", "admin", "--state", "cg"], r.io)).toBe(0);
    expect(r.err).toEqual([]);
    expect(r.out[0]).toMatch(/^created user \d+: first@admin\.local, admin, state CG$/);
    const password = /shown once.*: (\S+)$/.exec(r.out[1] ?? "")?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    const id = await verifyPassword("first@admin.local", password!);
    expect(id).not.toBeNull();
    const [audit] = await queryRows<{ actor_label: string; actor_user_id: number | null; state_id: number; after: Record<string, unknown> }>(
      h.db,
      sql`SELECT actor_label, actor_user_id, state_id, after FROM audit_events WHERE action = 'user.create' AND entity_id = ${String(id)}`,
    );
    expect(audit).toEqual({
      actor_label: CLI_ACTOR,
      actor_user_id: null,
      state_id: 1,
      after: { email: "first@admin.local", name: "First", role: "admin", scope: { level: "state", id: 1, name: "Chhattisgarh", key: "CG" } },
    });
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  it("resolves --scope by seat number or district slug, and takes the password from stdin", async () => {
    const a = io("stdin-password-1\n");
    expect(await userCreate(h.db, ["--email", "it@cli.local", "--role", "it_head", "--scope", "pc:4", "--state", "CG", "--name", "IT Raipur", "--password-stdin"], a.io)).toBe(0);
    expect(a.out).toEqual([expect.stringMatching(/it_head, pc 4 \(Raipur\)$/)]);
    const [row] = await queryRows<{ pc_id: number; name: string }>(h.db, sql`SELECT pc_id, name FROM users WHERE email = 'it@cli.local'`);
    expect(row).toEqual({ pc_id: 8, name: "IT Raipur" });
    expect(await verifyPassword("it@cli.local", "stdin-password-1")).not.toBeNull();

    const b = io("another-password\r\n");
    expect(await userCreate(h.db, ["--email=dp@cli.local", "--role=district_president", "--scope=district:Durg", "--state=CG", "--password-stdin"], b.io)).toBe(0);
    expect(b.out).toEqual([expect.stringMatching(/district durg \(Durg\)$/)]);
    expect(await verifyPassword("dp@cli.local", "another-password")).not.toBeNull();
  });

  it("refuses a duplicate email, a wrong role × scope, an unknown area or state, a short password: exit 1, nothing written", async () => {
    const before = await count();
    const cases: [string[], string, RegExp][] = [
      [["--email", "FIRST@admin.local", "--role", "admin", "--state", "CG"], "", /already exists/],
      [["--email", "x@cli.local", "--role", "district_president", "--state", "CG"], "", /scopeLevel: This role cannot have this area level/],
      [["--email", "x@cli.local", "--role", "admin", "--scope", "district:durg", "--state", "CG"], "", /scopeLevel/],
      [["--email", "x@cli.local", "--role", "it_head", "--scope", "pc:11", "--state", "CG"], "", /no Lok Sabha seat "11"/],
      [["--email", "x@cli.local", "--role", "it_head", "--scope", "district:bhopal", "--state", "CG"], "", /no district "bhopal"/],
      [["--email", "x@cli.local", "--role", "admin", "--state", "UP"], "", /state "UP" is not in the database/],
      [["--email", "x@cli.local", "--role", "admin"], "", /several states/],
      [["--email", "x@cli.local", "--role", "admin", "--state", "CG", "--password-stdin"], "short\n", /password: The password needs at least 10/],
      [["--email", "not-an-email", "--role", "admin", "--state", "CG"], "", /email: Enter a valid email/],
      [["--email", "x@cli.local", "--role", "owner", "--state", "CG"], "", /role: Choose a role/],
    ];
    for (const [argv, stdin, message] of cases) {
      const r = io(stdin);
      expect(await userCreate(h.db, argv, r.io), argv.join(" ")).toBe(1);
      expect(r.err.join("\n"), argv.join(" ")).toMatch(message);
      expect(r.out).toEqual([]);
    }
    expect(await count()).toEqual(before);
  });

  it("answers usage errors with exit 2", async () => {
    for (const argv of [[], ["--email", "a@b.c"], ["--email", "a@b.c", "--role", "admin", "--scope", "block:3"], ["--email", "a@b.c", "--role", "admin", "--bogus"]]) {
      const r = io();
      expect(await userCreate(h.db, argv, r.io), argv.join(" ")).toBe(2);
      expect(r.err.join("\n")).toMatch(/usage: npm run user:create/);
    }
  });
});

describe("npm run user:create as a command", () => {
  let dir: string;
  beforeAll(async () => {
    // A PGlite folder of its own, prepared (migrated, one state) and closed before the command opens it.
    dir = mkdtempSync(path.join(tmpdir(), "user-create-"));
    const h = await openDb({ dataDir: dir });
    await migrateDb(h);
    await h.db.execute(sql`INSERT INTO states (id, code, name, name_hi, lok_sabha_seats, assembly_seats) VALUES (1, 'CG', 'Chhattisgarh', 'छत्तीसगढ़', 11, 90)`);
    await h.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("creates the first administrator on PGlite, then refuses the same email with a non-zero exit", async () => {
    const run = promisify(execFile);
    const env = { ...process.env, PGLITE_DIR: dir, DATABASE_URL: "", DATABASE_OWNER_URL: "" };
    const tsx = path.join("node_modules", ".bin", "tsx");
    const argv = ["scripts/user-create.ts", "--email", "root@cli.local", "--role", "admin"];
    const first = await run(tsx, argv, { env, timeout: 120_000 });
    expect(first.stdout).toMatch(/database: pglite/);
    expect(first.stdout).toMatch(/created user \d+: root@cli\.local, admin, state CG/);
    const password = /shown once.*: (\S+)/.exec(first.stdout)?.[1];
    expect(password).toBeTruthy();

    const second = await run(tsx, argv, { env, timeout: 120_000 }).then(
      () => ({ code: 0, stderr: "" }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/refused, nothing was written: A user with this email already exists/);

    const h = await openDb({ dataDir: dir });
    try {
      const rows = await queryRows<{ email: string; actor_label: string }>(
        h.db,
        sql`SELECT u.email, a.actor_label FROM users u JOIN audit_events a ON a.entity_id = u.id::text AND a.action = 'user.create'`,
      );
      expect(rows).toEqual([{ email: "root@cli.local", actor_label: "cli:user-create" }]);
    } finally {
      await h.close();
    }
  });
});
