import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle } from "@/db/client";
import { states, users } from "@/db/schema";
import { createTestDb, testEngines } from "@/lib/testing/db";
import { endSession, endUserSessions, openSession, sessionIsLive } from "@/lib/auth/sessions";
import { loadViewer } from "@/lib/auth/viewer";

describe.each(testEngines())("server-side sessions on %s", (engine) => {
  let h: DbHandle;
  let userId: number;
  beforeAll(async () => {
    h = await createTestDb(engine);
    await h.db.insert(states).values({ id: 1, code: "CG", name: "Chhattisgarh", nameHi: "छत्तीसगढ़", lokSabhaSeats: 11, assemblySeats: 90 });
    const [u] = await h.db
      .insert(users)
      .values({ email: "lead@example.org", name: "Lead", passwordHash: "x", role: "leadership", stateId: 1, scopeLevel: "state" })
      .returning({ id: users.id });
    userId = u!.id;
  });
  afterAll(async () => {
    await h?.close();
  });

  it("a session lives until it is ended, and only for its own user", async () => {
    const sid = await openSession(h.db, userId);
    expect(sid.length).toBeGreaterThanOrEqual(32);
    expect(await sessionIsLive(h.db, sid, userId)).toBe(true);
    expect(await sessionIsLive(h.db, sid, userId + 1)).toBe(false);
    expect(await sessionIsLive(h.db, "x".repeat(32), userId)).toBe(false);
    await endSession(h.db, sid);
    expect(await sessionIsLive(h.db, sid, userId)).toBe(false);
  });

  it("ending all of a user's sessions ends every one at once, and they never come back", async () => {
    const a = await openSession(h.db, userId);
    const b = await openSession(h.db, userId);
    expect(await endUserSessions(h.db, userId, "everywhere")).toBeGreaterThanOrEqual(2);
    expect(await sessionIsLive(h.db, a, userId)).toBe(false);
    expect(await sessionIsLive(h.db, b, userId)).toBe(false);
    // Deactivation and reactivation: the user is active again, the old sessions stay ended.
    const c = await openSession(h.db, userId);
    await h.db.update(users).set({ active: false }).where(sql`id = ${userId}`);
    expect(await sessionIsLive(h.db, c, userId)).toBe(false);
    await h.db.update(users).set({ active: true }).where(sql`id = ${userId}`);
    expect(await sessionIsLive(h.db, c, userId)).toBe(true); // an inactive user's session is refused while inactive…
    await endUserSessions(h.db, userId, "deactivated");
    await h.db.update(users).set({ active: false }).where(sql`id = ${userId}`);
    await h.db.update(users).set({ active: true }).where(sql`id = ${userId}`);
    expect(await sessionIsLive(h.db, c, userId)).toBe(false); // …and once ended (as deactivation does), never revived.
  });

  it("expires by itself after its lifetime", async () => {
    const sid = await openSession(h.db, userId);
    await h.db.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = ${sid}`);
    expect(await sessionIsLive(h.db, sid, userId)).toBe(false);
  });

  it("a page's viewer is read with its session in one query: none for a session ended, expired or another user's", async () => {
    const [other] = await h.db
      .insert(users)
      .values({ email: "other@example.org", name: "Other", passwordHash: "x", role: "leadership", stateId: 1, scopeLevel: "state" })
      .returning({ id: users.id });
    const sid = await openSession(h.db, userId);
    expect((await loadViewer(h.db, userId, { sessionId: sid }))?.id).toBe(userId);
    expect(await loadViewer(h.db, other!.id, { sessionId: sid })).toBeNull();
    expect(await loadViewer(h.db, userId, { sessionId: "x".repeat(32) })).toBeNull();
    await h.db.update(users).set({ active: false }).where(sql`id = ${userId}`);
    expect(await loadViewer(h.db, userId, { sessionId: sid })).toBeNull();
    await h.db.update(users).set({ active: true }).where(sql`id = ${userId}`);
    await h.db.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = ${sid}`);
    expect(await loadViewer(h.db, userId, { sessionId: sid })).toBeNull();
    const live = await openSession(h.db, userId);
    await endSession(h.db, live);
    expect(await loadViewer(h.db, userId, { sessionId: live })).toBeNull();
  });
});
