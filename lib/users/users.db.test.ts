import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import { createTestDb, testEngines, viewerFor } from "@/lib/testing/db";
import { verifyPassword } from "@/lib/auth/credentials";
import { openSession, sessionIsLive } from "@/lib/auth/sessions";
import type { Viewer } from "@/lib/auth/viewer";
import { NewUser, type NewUserInput } from "@/lib/users/schema";
import { createUser, resetPassword, setUserActive, signOutEverywhere, updateUserScope } from "@/lib/users/service";
import { OLD_PASSWORD, seedUserAdmin } from "@/lib/testing/factories";
import { refusal } from "@/lib/testing/refusal";


// verifyPassword reads the process-wide database (getDb); point it at the engine under test.
const globalForDb = globalThis as unknown as { __sadasyataDb?: Promise<DbHandle> };

describe.each(testEngines())("user administration on %s", (engine) => {
  let h: DbHandle;
  let admin: Viewer;
  let adminMp: Viewer;
  let pcc: Viewer;
  let seq = 0;
  const email = (tag: string) => `${tag}-${++seq}@test.local`;
  const input = (over: Partial<NewUserInput>): NewUserInput => ({
    email: email("u"),
    name: "Test user",
    role: "district_president",
    scopeLevel: "district",
    unitId: "district:9",
    password: OLD_PASSWORD,
    ...over,
  });
  const snapshot = async () => {
    const [row] = await queryRows<Record<string, string>>(
      h.db,
      sql`SELECT (SELECT count(*)::text || ':' || coalesce(md5(string_agg(u::text, ',' ORDER BY id)), '') FROM users u) AS users,
                 (SELECT count(*)::text FROM audit_events) AS audit,
                 (SELECT count(*)::text FROM sessions WHERE ended_at IS NULL) AS open_sessions`,
    );
    return row!;
  };
  const lastAudit = async (action: string, id: number) => {
    const [row] = await queryRows<{ before: unknown; after: unknown; actor_user_id: number | null; actor_label: string | null; state_id: number }>(
      h.db,
      sql`SELECT before, after, actor_user_id, actor_label, state_id FROM audit_events WHERE action = ${action} AND entity_id = ${String(id)} ORDER BY id DESC LIMIT 1`,
    );
    return row;
  };

  beforeAll(async () => {
    h = await createTestDb(engine);
    await seedUserAdmin(h.db);
    [admin, adminMp, pcc] = await Promise.all(["admin@test.local", "admin-mp@test.local", "pcc@test.local"].map((e) => viewerFor(h.db, e))) as [
      Viewer,
      Viewer,
      Viewer,
    ];
    globalForDb.__sadasyataDb = Promise.resolve(h);
  });
  afterAll(async () => {
    globalForDb.__sadasyataDb = undefined;
    await h?.close();
  });

  it("refuses a unit of another level, of another state, or a role that cannot hold the level: field errors, nothing written", async () => {
    const before = await snapshot();
    // The old bug: "7 · Durg" from a stale Lok Sabha list sent as the area of a district-level user.
    const stale = input({ unitId: "pc:7" });
    expect(NewUser.safeParse(stale).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["unitId", "users.invalid.unitLevel"]]);
    expect((await refusal(createUser(h.db, admin, stale))).fieldErrors).toEqual({ unitId: expect.stringMatching(/not of the chosen level/) });
    // A bare id cannot say which level it means.
    expect((await refusal(createUser(h.db, admin, input({ unitId: "7" })))).fieldErrors).toHaveProperty("unitId");
    // Another state's district.
    expect((await refusal(createUser(h.db, admin, input({ unitId: "district:21" })))).fieldErrors).toEqual({ unitId: "Choose an area of this state." });
    // No such district.
    expect((await refusal(createUser(h.db, admin, input({ unitId: "district:99999" })))).fieldErrors).toHaveProperty("unitId");
    // A district president at Lok Sabha level, an administrator at district level.
    expect(NewUser.safeParse(input({ scopeLevel: "pc", unitId: "pc:7" })).error?.issues[0]?.path).toEqual(["scopeLevel"]);
    expect((await refusal(createUser(h.db, admin, input({ scopeLevel: "pc", unitId: "pc:7" })))).fieldErrors).toHaveProperty("scopeLevel");
    expect((await refusal(createUser(h.db, admin, input({ role: "admin", scopeLevel: "district" })))).fieldErrors).toHaveProperty("scopeLevel");
    expect(await snapshot()).toEqual(before);
  });

  it("creates a user with the chosen unit; the audit event names level and unit (id, name, key)", async () => {
    const e = email("durg");
    const created = await createUser(h.db, admin, input({ email: e, unitId: "district:9" }));
    const [row] = await queryRows<{ district_id: number; pc_id: number | null; scope_level: string; state_id: number }>(
      h.db,
      sql`SELECT district_id, pc_id, scope_level, state_id FROM users WHERE id = ${created.id}`,
    );
    expect(row).toEqual({ district_id: 9, pc_id: null, scope_level: "district", state_id: 1 });
    const audit = await lastAudit("user.create", created.id);
    expect(audit).toMatchObject({
      actor_user_id: admin.id,
      state_id: 1,
      after: { email: e, role: "district_president", scope: { level: "district", id: 9, name: "Durg", key: "durg" } },
    });
    expect(JSON.stringify(audit)).not.toContain(OLD_PASSWORD);
    expect(await verifyPassword(e, OLD_PASSWORD)).toBe(created.id);

    const it = await createUser(h.db, admin, input({ role: "it_head", scopeLevel: "pc", unitId: "pc:7" }));
    expect((await lastAudit("user.create", it.id))?.after).toMatchObject({ scope: { level: "pc", id: 7, name: "Durg", key: "7" } });
    const state = await createUser(h.db, admin, input({ role: "leadership", scopeLevel: "state", unitId: "district:9" }));
    expect((await lastAudit("user.create", state.id))?.after).toMatchObject({ scope: { level: "state", id: 1, name: "Chhattisgarh", key: "CG" } });

    // The same email again, in any case: refused on the email field, nothing written.
    const before = await snapshot();
    expect((await refusal(createUser(h.db, admin, input({ email: e.toUpperCase() })))).fieldErrors).toEqual({ email: "A user with this email already exists." });
    expect(await snapshot()).toEqual(before);
  });

  it("a role or scope change ends every session of the user, audited before → after", async () => {
    const u = await createUser(h.db, admin, input({ role: "it_head", scopeLevel: "pc", unitId: "pc:7" }));
    const [s1, s2] = [await openSession(h.db, u.id), await openSession(h.db, u.id)];
    // Saving the same role and area changes nothing and keeps the sessions.
    expect(await updateUserScope(h.db, admin, { userId: u.id, role: "it_head", scopeLevel: "pc", unitId: "pc:7" })).toMatchObject({ changed: false });
    expect(await sessionIsLive(h.db, s1, u.id)).toBe(true);

    const r = await updateUserScope(h.db, admin, { userId: u.id, role: "it_head", scopeLevel: "ac", unitId: "ac:49" });
    expect(r).toEqual({ changed: true, email: u.email, sessionsEnded: 2 });
    expect(await sessionIsLive(h.db, s1, u.id)).toBe(false);
    expect(await sessionIsLive(h.db, s2, u.id)).toBe(false);
    const [row] = await queryRows<{ ac_id: number; pc_id: number | null; scope_level: string }>(h.db, sql`SELECT ac_id, pc_id, scope_level FROM users WHERE id = ${u.id}`);
    expect(row).toEqual({ ac_id: 49, pc_id: null, scope_level: "ac" });
    expect(await lastAudit("user.update", u.id)).toMatchObject({
      before: { role: "it_head", scope: { level: "pc", id: 7, name: "Durg", key: "7" } },
      after: { role: "it_head", scope: { level: "ac", id: 49, name: "Raipur Gramin", key: "49" }, sessionsEnded: 2 },
    });

    // A role change alone ends sessions too.
    const s3 = await openSession(h.db, u.id);
    await updateUserScope(h.db, admin, { userId: u.id, role: "leadership", scopeLevel: "state" });
    expect(await sessionIsLive(h.db, s3, u.id)).toBe(false);
    const [ended] = await queryRows<{ end_reason: string }>(h.db, sql`SELECT end_reason FROM sessions WHERE id = ${s3}`);
    expect(ended?.end_reason).toBe("role_scope");

    // A stale unit of another level is refused here as well, and nothing changes.
    const before = await snapshot();
    expect((await refusal(updateUserScope(h.db, admin, { userId: u.id, role: "district_president", scopeLevel: "district", unitId: "pc:7" }))).fieldErrors).toHaveProperty("unitId");
    expect(await snapshot()).toEqual(before);
  });

  it("deactivation ends sessions; reactivation does not revive them", async () => {
    const u = await createUser(h.db, admin, input({}));
    const s = await openSession(h.db, u.id);
    expect(await setUserActive(h.db, admin, { userId: u.id, active: false })).toEqual({ email: u.email, sessionsEnded: 1 });
    expect(await sessionIsLive(h.db, s, u.id)).toBe(false);
    expect(await verifyPassword(u.email, OLD_PASSWORD)).toBeNull();
    await setUserActive(h.db, admin, { userId: u.id, active: true });
    expect(await sessionIsLive(h.db, s, u.id)).toBe(false);
    expect(await verifyPassword(u.email, OLD_PASSWORD)).toBe(u.id);
    expect(await sessionIsLive(h.db, await openSession(h.db, u.id), u.id)).toBe(true);
    expect((await lastAudit("user.deactivate", u.id))?.after).toEqual({ active: false, sessionsEnded: 1 });
    expect((await lastAudit("user.activate", u.id))?.after).toEqual({ active: true });
    // Setting the same state again is "nothing to change".
    expect((await refusal(setUserActive(h.db, admin, { userId: u.id, active: true }))).code).toBe("not_found");
  });

  it("a password reset ends sessions; the temporary password verifies and the old one does not; never audited", async () => {
    const u = await createUser(h.db, admin, input({}));
    const s = await openSession(h.db, u.id);
    const r = await resetPassword(h.db, admin, { userId: u.id });
    expect(r.temporaryPassword).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    expect(r.sessionsEnded).toBe(1);
    expect(await sessionIsLive(h.db, s, u.id)).toBe(false);
    expect(await verifyPassword(u.email, r.temporaryPassword)).toBe(u.id);
    expect(await verifyPassword(u.email, OLD_PASSWORD)).toBeNull();
    const audit = await lastAudit("user.password_reset", u.id);
    expect(audit).toMatchObject({ actor_user_id: admin.id, after: { sessionsEnded: 1 } });
    const [hash] = await queryRows<{ password_hash: string }>(h.db, sql`SELECT password_hash FROM users WHERE id = ${u.id}`);
    const all = JSON.stringify(await queryRows(h.db, sql`SELECT * FROM audit_events`));
    expect(all).not.toContain(r.temporaryPassword);
    expect(all).not.toContain(hash!.password_hash);
    // Two resets never give the same password.
    expect((await resetPassword(h.db, admin, { userId: u.id })).temporaryPassword).not.toBe(r.temporaryPassword);
  });

  it("sign out everywhere ends every open session of that user only", async () => {
    const u = await createUser(h.db, admin, input({}));
    const other = await createUser(h.db, admin, input({}));
    const [a, b, c] = [await openSession(h.db, u.id), await openSession(h.db, u.id), await openSession(h.db, other.id)];
    expect(await signOutEverywhere(h.db, admin, { userId: u.id })).toEqual({ email: u.email, sessionsEnded: 2 });
    expect(await sessionIsLive(h.db, a, u.id)).toBe(false);
    expect(await sessionIsLive(h.db, b, u.id)).toBe(false);
    expect(await sessionIsLive(h.db, c, other.id)).toBe(true);
    expect(await lastAudit("user.sign_out_everywhere", u.id)).toMatchObject({ actor_user_id: admin.id, after: { sessionsEnded: 2 } });
  });

  it("a user of another state is not found, and nothing about them changes", async () => {
    const u = await createUser(h.db, admin, input({}));
    const s = await openSession(h.db, u.id);
    const before = await snapshot();
    for (const call of [
      () => updateUserScope(h.db, adminMp, { userId: u.id, role: "leadership", scopeLevel: "state" }),
      () => setUserActive(h.db, adminMp, { userId: u.id, active: false }),
      () => resetPassword(h.db, adminMp, { userId: u.id }),
      () => signOutEverywhere(h.db, adminMp, { userId: u.id }),
    ]) {
      expect((await refusal(call())).code).toBe("not_found");
    }
    // Nor can the MP administrator give their own users a CG unit.
    expect((await refusal(createUser(h.db, adminMp, input({ unitId: "district:9" })))).fieldErrors).toHaveProperty("unitId");
    expect(await snapshot()).toEqual(before);
    expect(await sessionIsLive(h.db, s, u.id)).toBe(true);
    expect(await verifyPassword(u.email, OLD_PASSWORD)).toBe(u.id);
  });

  it("refuses a viewer without users.manage, writing nothing", async () => {
    const u = await createUser(h.db, admin, input({}));
    const before = await snapshot();
    for (const call of [
      () => createUser(h.db, pcc, input({})),
      () => updateUserScope(h.db, pcc, { userId: u.id, role: "leadership", scopeLevel: "state" }),
      () => setUserActive(h.db, pcc, { userId: u.id, active: false }),
      () => resetPassword(h.db, pcc, { userId: u.id }),
      () => signOutEverywhere(h.db, pcc, { userId: u.id }),
    ]) {
      expect((await refusal(call())).code).toBe("forbidden");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("an administrator cannot deactivate themselves or give up their own administrator role", async () => {
    const before = await snapshot();
    expect((await refusal(setUserActive(h.db, admin, { userId: admin.id, active: false }))).message).toBe("You cannot deactivate yourself.");
    expect((await refusal(updateUserScope(h.db, admin, { userId: admin.id, role: "leadership", scopeLevel: "state" }))).fieldErrors).toEqual({
      role: "You cannot remove your own administrator role.",
    });
    expect(await snapshot()).toEqual(before);
  });
});
