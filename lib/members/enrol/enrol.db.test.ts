import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import { recount } from "@/db/recount";
import { apiTokens, appointments, booths, members } from "@/db/schema";
import { seed, STATE_ID } from "@/lib/seed";
import { createTestDb, testEngines } from "@/lib/testing/db";
import { memberBody } from "@/lib/testing/members";
import { enrolMember, type EnrolContext } from "@/lib/members/enrol/enrol";
import type { MemberInput } from "@/lib/members/enrol/validation";

const NOW = new Date("2026-11-28T06:00:00Z");
let epicSeq = 0;
const input = (boothCode: string): MemberInput => memberBody(`TST${String(1_000_000 + ++epicSeq).padStart(7, "0")}`, boothCode);

describe.each(testEngines())("enrolment on %s", (engine) => {
  let h: DbHandle;
  let boothCode: string;
  let otherCode: string;
  let tokenId: number;
  const ctx = (extra: Partial<EnrolContext> = {}): EnrolContext => ({
    stateId: STATE_ID,
    channel: "app",
    boothAllowed: (b) => b.code !== otherCode,
    now: NOW,
    ...extra,
  });

  beforeAll(async () => {
    h = await createTestDb(engine);
    await seed(h.db, { members: 200, now: NOW });
    const [a, b] = await h.db.select({ code: booths.code }).from(booths).orderBy(booths.id).limit(2);
    boothCode = a!.code;
    otherCode = b!.code;
    const [post] = await h.db.select().from(appointments).where(eq(appointments.role, "enroller")).limit(1);
    const [token] = await h.db
      .insert(apiTokens)
      .values({ stateId: STATE_ID, appointmentId: post!.id, workerId: post!.workerId, tokenHash: "a".repeat(64), tokenPrefix: "aaaa" })
      .returning();
    tokenId = token!.id;
  });
  afterAll(async () => {
    await h?.close();
  });

  it("creates a member with a membership number and counts it", async () => {
    const r = await enrolMember(h.db, input(boothCode), ctx());
    expect(r).toMatchObject({ kind: "created", membershipNo: expect.stringMatching(/^CG26-[0-9]{7}$/) });
    expect(await recount(h.db)).toEqual([]);
  });

  it("refuses a duplicate EPIC with the existing number masked, writing nothing", async () => {
    const m = input(boothCode);
    const first = await enrolMember(h.db, m, ctx());
    const before = await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM members`);
    const again = await enrolMember(h.db, { ...m, name: "Someone else" }, ctx());
    expect(again).toEqual({ kind: "duplicate", existingMasked: expect.stringMatching(/^CG26-•+[0-9]{3}$/) });
    expect(first.kind === "created" && again.kind === "duplicate" && first.membershipNo.slice(-3)).toBe(again.kind === "duplicate" && again.existingMasked.slice(-3));
    expect(await queryRows(h.db, sql`SELECT count(*)::int AS n FROM members`)).toEqual(before);
  });

  it("refuses unknown and out-of-scope booths", async () => {
    expect(await enrolMember(h.db, input("999-999"), ctx())).toEqual({ kind: "booth_unknown" });
    expect(await enrolMember(h.db, input(otherCode), ctx())).toEqual({ kind: "booth_forbidden" });
  });

  it("answers a repeated key with the stored answer, and refuses the key with another body", async () => {
    const m = input(boothCode);
    const idem = { tokenId, key: "key-1", requestHash: "h1", response: (no: string) => ({ membershipNo: no, cardUrl: `/members/${no}/card` }) };
    const first = await enrolMember(h.db, m, ctx({ idempotency: idem }));
    expect(first.kind).toBe("created");
    const replay = await enrolMember(h.db, m, ctx({ idempotency: idem }));
    expect(replay).toEqual({ kind: "replay", status: 201, response: first.kind === "created" ? first.response : null });
    expect(await enrolMember(h.db, input(boothCode), ctx({ idempotency: { ...idem, requestHash: "h2" } }))).toEqual({ kind: "key_reused" });
  });

  it("makes exactly one member of 20 concurrent sign-ups with one EPIC", async () => {
    const m = input(boothCode);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        enrolMember(h.db, m, ctx({ idempotency: { tokenId, key: `race-${i}`, requestHash: `r${i}`, response: (no) => ({ no }) } })),
      ),
    );
    expect(results.filter((r) => r.kind === "created")).toHaveLength(1);
    expect(results.every((r) => ["created", "duplicate", "in_flight"].includes(r.kind))).toBe(true);
    expect(await h.db.select().from(members).where(eq(members.epic, m.epic))).toHaveLength(1);
    expect(await recount(h.db)).toEqual([]);
  });
});
