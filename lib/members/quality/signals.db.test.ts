import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle, type DbOrTx } from "@/db/client";
import { recount } from "@/db/recount";
import sharp from "sharp";
import { describeFailure, drainQualityQueue, MAX_ATTEMPTS } from "@/lib/members/quality/job";
import { reencode, syntheticPortrait } from "@/lib/members/quality/photo-hash";
import { scanAll } from "@/lib/members/quality/scan";
import { seededDemo } from "@/lib/testing/factories";
import { testEngines } from "@/lib/testing/db";
import { FIRST_NAMES_F, SURNAMES } from "@/lib/seed/people-data";

/**
 * Each signal with a positive and a negative case, through the real path: members inserted (the trigger
 * queues them), the quality job drains the queue, flags and standings are read back; counters equal a
 * recount throughout. Then the full scan: idempotent, and a raised threshold clears what no longer holds.
 */

interface NewMember {
  name: string;
  relativeName?: string | null;
  age?: number;
  phone?: string | null;
  epic?: string;
  booth?: Booth;
  tokenId?: number | null;
  workerId?: number | null;
  createdAt?: string;
  photo?: Uint8Array | null;
}
interface Booth {
  id: number;
  acId: number;
  districtId: number;
}

let seq = 9_000_000;
/** A name no other test member has (the near-duplicate signal would otherwise pair them). */
let named = 0;
function uniqueName(): string {
  named += 1;
  return `${FIRST_NAMES_F[named % FIRST_NAMES_F.length]![0]} ${SURNAMES[Math.floor(named / FIRST_NAMES_F.length) % SURNAMES.length]![0]}`;
}
const epicOf = (n: number) => `TQS${String(n).slice(-7).padStart(7, "0")}`;

async function insertMembers(db: DbOrTx, booth: Booth, list: NewMember[]): Promise<number[]> {
  const ids: number[] = [];
  for (const m of list) {
    seq += 1;
    const b = m.booth ?? booth;
    const [row] = await queryRows<{ id: number }>(db, sql`
      INSERT INTO members (id, state_id, membership_no, epic, name, relative_name, gender, age, phone, caste_category, photo,
                           booth_id, ac_id, district_id, channel, consent_version, api_token_id, enrolled_by_worker_id, created_at)
      VALUES (${seq}, 1, ${`CG26-${String(seq).padStart(7, "0")}`}, ${m.epic ?? epicOf(seq * 7 + 13)}, ${m.name}, ${m.relativeName ?? null}, 'F',
              ${m.age ?? 30}, ${m.phone ?? null}, 'OBC', ${m.photo ? Buffer.from(m.photo) : null}::bytea, ${b.id}, ${b.acId}, ${b.districtId},
              'app', 'v1', ${m.tokenId ?? null}, ${m.workerId ?? null}, ${m.createdAt ?? new Date().toISOString()}::timestamptz)
      RETURNING id::int AS id`);
    ids.push(row!.id);
  }
  return ids;
}

async function flagsOf(db: DbOrTx, ids: number[], reason: string) {
  return queryRows<{ id: number; status: string; detail: Record<string, unknown>; standing: string }>(db, sql`
    SELECT m.id::int AS id, f.status, f.detail, m.standing FROM members m
    JOIN member_flags f ON f.member_id = m.id AND f.reason = ${reason}
    WHERE m.id = ANY(${sql.param(ids)}::bigint[]) ORDER BY m.id`);
}

describe.each(testEngines())("quality signals on %s", (engine) => {
  let h: DbHandle;
  let boothA: Booth;
  let boothB: Booth;
  let token: { id: number; workerId: number };
  const phone = (n: number) => `9${String(700_000_000 + n).padStart(9, "0")}`;

  beforeAll(async () => {
    ({ h } = await seededDemo(engine));
    const booths = await queryRows<{ id: number; ac_id: number; district_id: number }>(h.db, sql`
      SELECT DISTINCT ON (ac_id) id, ac_id, district_id FROM booths ORDER BY ac_id, id LIMIT 2`);
    [boothA, boothB] = booths.map((b) => ({ id: b.id, acId: b.ac_id, districtId: b.district_id })) as [Booth, Booth];
    const [tok] = await queryRows<{ id: number; worker_id: number }>(h.db, sql`SELECT id, worker_id FROM api_tokens ORDER BY id LIMIT 1`);
    token = { id: tok!.id, workerId: tok!.worker_id };
    await drainQualityQueue(h.db);
  }, 120_000);
  afterAll(async () => h?.close());

  it("shared_phone: five members on one phone are not flagged, a sixth flags all six", async () => {
    const five = await insertMembers(h.db, boothA, Array.from({ length: 5 }, () => ({ name: uniqueName(), phone: phone(1) })));
    await drainQualityQueue(h.db);
    expect(await flagsOf(h.db, five, "shared_phone")).toEqual([]);
    const sixth = await insertMembers(h.db, boothA, [{ name: uniqueName(), phone: phone(1) }]);
    await drainQualityQueue(h.db);
    const flags = await flagsOf(h.db, [...five, ...sixth], "shared_phone");
    expect(flags).toHaveLength(6);
    expect(flags.every((f) => f.status === "open" && f.standing === "review")).toBe(true);
    expect(flags[0]!.detail).toMatchObject({ count: 6, phone: "97•••••001" });
    expect((flags[0]!.detail.others as string[])).toHaveLength(3);
    // A seventh in a later batch is flagged; the earlier flags are left as they were written.
    const seventh = await insertMembers(h.db, boothA, [{ name: uniqueName(), phone: phone(1) }]);
    await drainQualityQueue(h.db);
    const all = await flagsOf(h.db, [...five, ...sixth, ...seventh], "shared_phone");
    expect(all.map((f) => f.detail.count)).toEqual([6, 6, 6, 6, 6, 6, 7]);
    expect(await recount(h.db)).toEqual([]);
  });

  it("shared_phone: members queued behind a batch are flagged when the phone crosses the limit, however the batches fall", async () => {
    const first = await insertMembers(h.db, boothA, Array.from({ length: 4 }, () => ({ name: uniqueName(), phone: phone(3) })));
    await drainQualityQueue(h.db);
    // Four more arrive while the job is behind; it then takes them one at a time.
    const later = await insertMembers(h.db, boothA, Array.from({ length: 4 }, () => ({ name: uniqueName(), phone: phone(3) })));
    await drainQualityQueue(h.db, { batch: 1 });
    expect(await flagsOf(h.db, [...first, ...later], "shared_phone")).toHaveLength(8);
  });

  it("never pairs names with no letters it can read, nor blank photos", async () => {
    const blank = new Uint8Array(await sharp({ create: { width: 120, height: 160, channels: 3, background: { r: 128, g: 128, b: 128 } } }).jpeg().toBuffer());
    const ids = await insertMembers(h.db, boothA, [
      { name: "...", age: 50 },
      { name: "...", age: 50 },
      { name: uniqueName(), photo: blank },
      { name: uniqueName(), photo: blank },
    ]);
    await drainQualityQueue(h.db);
    expect(await flagsOf(h.db, ids, "near_duplicate")).toEqual([]);
    expect(await flagsOf(h.db, ids, "photo_reuse")).toEqual([]);
  });

  it("leaves a member whose batch failed three times to the full scan, and logs no parameters", async () => {
    const [id] = await insertMembers(h.db, boothA, [{ name: uniqueName() }]);
    await h.db.execute(sql`UPDATE quality_queue SET attempts = ${MAX_ATTEMPTS} WHERE member_id = ${id!}`);
    await drainQualityQueue(h.db);
    expect(await queryRows(h.db, sql`SELECT 1 FROM quality_queue WHERE member_id = ${id!}`)).toHaveLength(1);
    await scanAll(h.db);
    expect(await queryRows(h.db, sql`SELECT 1 FROM quality_queue WHERE member_id = ${id!}`)).toEqual([]);
    const failure = Object.assign(new Error("Failed query: SELECT 1\nparams: sunitdhruv|rameshdhruv"), { cause: { code: "40P01", message: "deadlock detected" } });
    expect(describeFailure(failure)).toBe("40P01 deadlock detected");
    expect(describeFailure(new Error("Failed query: SELECT 1\nparams: sunitdhruv|"))).toBe("Failed query: SELECT 1");
  });

  it("near_duplicate: सुनीता ध्रुव 34 and Sunita Dhruv 35 in one seat are flagged, in two seats not", async () => {
    const same = await insertMembers(h.db, boothA, [
      { name: "सुनीता ध्रुव", relativeName: "रमेश ध्रुव", age: 34 },
      { name: "Sunita Dhruv", relativeName: "Ramesh Dhruv", age: 35 },
    ]);
    const apart = await insertMembers(h.db, boothA, [{ name: "कविता मरकाम", relativeName: "लखन मरकाम", age: 40 }]);
    const apart2 = await insertMembers(h.db, boothB, [{ name: "Kavita Markam", relativeName: "Lakhan Markam", age: 40 }]);
    // The same name but ages five years apart: another person.
    const older = await insertMembers(h.db, boothA, [{ name: "Sunita Dhruv", relativeName: "Ramesh Dhruv", age: 40 }]);
    await drainQualityQueue(h.db);
    const flags = await flagsOf(h.db, same, "near_duplicate");
    expect(flags.map((f) => f.status)).toEqual(["open", "open"]);
    expect(flags[0]!.detail).toMatchObject({ count: 2 });
    expect(await flagsOf(h.db, [...apart, ...apart2, ...older], "near_duplicate")).toEqual([]);
  });

  it("photo_reuse: the same JPEG re-encoded at another quality is flagged, a different photo is not", async () => {
    const photo = await syntheticPortrait(101);
    const copy = await reencode(photo, 55);
    const other = await syntheticPortrait(202);
    const pair = await insertMembers(h.db, boothA, [
      { name: uniqueName(), photo },
      { name: uniqueName(), photo: copy },
    ]);
    const different = await insertMembers(h.db, boothA, [{ name: uniqueName(), photo: other }]);
    await drainQualityQueue(h.db);
    const flags = await flagsOf(h.db, pair, "photo_reuse");
    expect(flags).toHaveLength(2);
    expect(Number(flags[0]!.detail.distance)).toBeLessThanOrEqual(5);
    expect(await flagsOf(h.db, different, "photo_reuse")).toEqual([]);
  });

  it("burst: more than 20 sign-ups in ten minutes from one token are flagged, the same number over a day is not", async () => {
    const start = Date.parse("2026-11-20T04:30:00Z");
    const burst = await insertMembers(
      h.db,
      boothA,
      Array.from({ length: 24 }, (_, i) => ({ name: uniqueName(), tokenId: token.id, workerId: token.workerId, createdAt: new Date(start + i * 20_000).toISOString() })),
    );
    const spread = await insertMembers(
      h.db,
      boothA,
      Array.from({ length: 24 }, (_, i) => ({ name: uniqueName(), tokenId: token.id, workerId: token.workerId, createdAt: new Date(start + 86_400_000 + i * 1_800_000).toISOString() })),
    );
    await drainQualityQueue(h.db);
    const flags = await flagsOf(h.db, burst, "burst");
    expect(flags).toHaveLength(24);
    expect(flags[0]!.detail).toMatchObject({ count: 24, limit: 20, minutes: 10, from: "2026-11-20T04:30:00Z" });
    expect(await flagsOf(h.db, spread, "burst")).toEqual([]);
  });

  it("epic_pattern: a placeholder serial is flagged, an ordinary EPIC is not", async () => {
    const [bad] = await insertMembers(h.db, boothA, [{ name: uniqueName(), epic: "RPR1234567" }]);
    const [good] = await insertMembers(h.db, boothA, [{ name: uniqueName(), epic: "RPR4718203" }]);
    await drainQualityQueue(h.db);
    const flags = await flagsOf(h.db, [bad!], "epic_pattern");
    expect(flags).toHaveLength(1);
    expect(flags[0]!.detail).toMatchObject({ rule: "serial", epic: "RPR•••4567" });
    expect(await flagsOf(h.db, [good!], "epic_pattern")).toEqual([]);
  });

  it("keeps the under-review counters exact, and a full scan is idempotent and clears what a raised threshold no longer flags", async () => {
    expect(await recount(h.db)).toEqual([]);
    const [{ n: review }] = (await queryRows<{ n: number }>(h.db, sql`SELECT sum(under_review)::int AS n FROM booth_review_counters`)) as [{ n: number }];
    const [{ n: standing }] = (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM members WHERE standing = 'review'`)) as [{ n: number }];
    expect(review).toBe(standing);
    expect(review).toBeGreaterThanOrEqual(7 + 2 + 2 + 24 + 1);

    await scanAll(h.db);
    const again = await scanAll(h.db);
    expect(again.flagged).toMatchObject({ shared_phone: 0, near_duplicate: 0, photo_reuse: 0, burst: 0, epic_pattern: 0 });
    expect(Object.values(again.cleared).every((n) => n === 0)).toBe(true);

    await h.db.execute(sql`INSERT INTO quality_settings (state_id, shared_phone_limit) VALUES (1, 7)`);
    const raised = await scanAll(h.db);
    expect(raised.cleared.shared_phone).toBe(7);
    const [{ n: after }] = (await queryRows<{ n: number }>(h.db, sql`SELECT sum(under_review)::int AS n FROM booth_review_counters`)) as [{ n: number }];
    expect(after).toBe(review - 7);
    expect(await recount(h.db)).toEqual([]);
    await h.db.execute(sql`DELETE FROM quality_settings WHERE state_id = 1`);
    const lowered = await scanAll(h.db);
    expect(lowered.flagged.shared_phone).toBe(7);
  });

  // The enrolment API's inserts lock their booth's counter rows; the job must never wait for them (nor deadlock
  // with them): a member going under review moves only booth_review_counters.
  it.runIf(engine === "postgres")("runs while a sign-up holds its booth's counter rows, without waiting for them", async () => {
    const ids = await insertMembers(h.db, boothA, Array.from({ length: 6 }, () => ({ name: uniqueName(), phone: phone(2), tokenId: token.id, workerId: token.workerId })));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = h.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT 1 FROM booth_counters WHERE booth_id = ${boothA.id} FOR UPDATE`);
      await tx.execute(sql`SELECT 1 FROM booth_day_counters WHERE booth_id = ${boothA.id} FOR UPDATE`);
      await tx.execute(sql`SELECT 1 FROM ac_day_counters WHERE ac_id = ${boothA.acId} FOR UPDATE`);
      await tx.execute(sql`SELECT 1 FROM enroller_counters WHERE worker_id = ${token.workerId} FOR UPDATE`);
      locked();
      await held;
    });
    await isLocked;
    const outcome = await Promise.race([
      drainQualityQueue(h.db).then(() => "done"),
      new Promise<string>((r) => setTimeout(() => r("waited"), 10_000)),
    ]);
    release();
    await holder;
    expect(outcome).toBe("done");
    expect(await flagsOf(h.db, ids, "shared_phone")).toHaveLength(6);
    expect(await recount(h.db)).toEqual([]);
  });
});
