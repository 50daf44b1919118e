import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Db } from "@/db/client";
import { recount } from "@/db/recount";
import type { Viewer } from "@/lib/auth/viewer";
import { issueToken } from "@/lib/members/api/tokens";
import { loadScorecards, parseScorecardParams, suspendEnrollerToken, type ScorecardRow } from "@/lib/members/quality/scorecards";
import { testEngines } from "@/lib/testing/db";
import { seededDemo, type SeededDemo } from "@/lib/testing/factories";
import { openFlag, voidMember } from "@/lib/testing/quality";
import { changedTables, tablesFingerprint } from "@/lib/testing/writes-fingerprint";

type Row = Record<string, unknown>;

/** An active enroller or chief-enroller post of a district (its worker), skipping `skip` of them. */
async function postIn(db: Db, slug: string, skip = 0): Promise<{ id: number; workerId: number }> {
  const [r] = await queryRows<Row>(
    db,
    sql`SELECT a.id, a.worker_id FROM appointments a
          LEFT JOIN blocks bl ON bl.id = a.block_id LEFT JOIN booths bo ON bo.id = a.booth_id
          JOIN districts d ON d.id = coalesce(a.district_id, bl.district_id, bo.district_id)
        WHERE d.slug = ${slug} AND a.ended_at IS NULL AND a.role IN ('enroller', 'chief_enroller')
          AND NOT EXISTS (SELECT 1 FROM api_tokens t WHERE t.worker_id = a.worker_id)
        ORDER BY a.id OFFSET ${skip} LIMIT 1`,
  );
  if (!r) throw new Error(`no post in ${slug}`);
  return { id: Number(r.id), workerId: Number(r.worker_id) };
}

let seq = 0;
/** `count` members of a district's booth, signed up by a worker (through a token, or by book without one). */
async function signUps(db: Db, slug: string, count: number, workerId: number, tokenId: number | null): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    seq += 1;
    const book = tokenId === null;
    const [r] = await queryRows<Row>(
      db,
      sql`INSERT INTO members (state_id, membership_no, epic, name, gender, age, caste_category, booth_id, ac_id, district_id,
                               channel, book_no, page_no, consent_version, enrolled_by_worker_id, api_token_id)
          SELECT 1, ${`CG26-${String(8_000_000 + seq).padStart(7, "0")}`}, ${`SCR${String(seq).padStart(7, "0")}`}, 'Score Card', 'M', 40, 'OBC',
                 b.id, b.ac_id, b.district_id, ${book ? "book" : "app"}, ${book ? "B7" : null}::text, ${book ? 1 : null}::smallint, 'v1',
                 ${workerId}, ${tokenId}::int
          FROM booths b JOIN districts d ON d.id = b.district_id WHERE d.slug = ${slug} ORDER BY b.id LIMIT 1
          RETURNING id`,
    );
    ids.push(Number(r!.id));
  }
  return ids;
}

describe.each(testEngines())("enroller scorecards on %s", (engine) => {
  let demo: SeededDemo;
  let db: Db;
  let pcc: Viewer;
  let raipur: Viewer;
  let itcell: Viewer;
  /** Raipur's demo token (worker A), a second Raipur token (worker B), a Durg token (worker C). */
  const tok = { a: 0, b: 0, c: 0 };
  const prefix = { a: "", b: "", c: "" };
  const worker = { a: 0, b: 0, c: 0 };

  beforeAll(async () => {
    demo = await seededDemo(engine);
    db = demo.h.db;
    ({ pcc, raipur, itcell } = demo);

    const [demoToken] = await queryRows<Row>(db, sql`SELECT id, worker_id, token_prefix FROM api_tokens WHERE label = 'Demo token' AND state_id = 1`);
    tok.a = Number(demoToken!.id);
    worker.a = Number(demoToken!.worker_id);
    prefix.a = String(demoToken!.token_prefix);
    for (const [k, slug] of [
      ["b", "raipur"],
      ["c", "durg"],
    ] as const) {
      const post = await postIn(db, slug);
      const issued = await issueToken(db, pcc, { appointmentId: post.id });
      if (!issued.ok) throw new Error(`token ${k}: ${issued.code}`);
      tok[k] = issued.id;
      prefix[k] = issued.prefix;
      worker[k] = post.workerId;
    }

    // A: 10 through the token (two in a burst, one of them on a shared phone too; one disowned and voided;
    // one more voided), and 3 by book without a token (a row of its own). B: 6, clean. C (Durg): 12, one
    // doubtful voter-card number.
    const a = await signUps(db, "raipur", 10, worker.a, tok.a);
    await signUps(db, "raipur", 3, worker.a, null);
    await signUps(db, "raipur", 6, worker.b, tok.b);
    const c = await signUps(db, "durg", 12, worker.c, tok.c);
    await openFlag(db, a[0]!, "burst");
    await openFlag(db, a[1]!, "burst");
    await openFlag(db, a[1]!, "shared_phone");
    await openFlag(db, a[2]!, "disowned");
    await voidMember(db, a[2]!);
    await voidMember(db, a[3]!);
    await openFlag(db, c[0]!, "epic_pattern");
  }, 300_000);
  afterAll(async () => {
    await demo?.h.close();
  });

  const key = (r: ScorecardRow) => (r.tokenId === tok.a ? "A" : r.tokenId === tok.b ? "B" : r.tokenId === tok.c ? "C" : r.workerId === worker.a ? "A-book" : "?");

  it("counts sign-ups, quality-adjusted sign-ups, flagged, voided, disowned and bursts per enroller, from the counters and the flags", async () => {
    const { rows, total } = await loadScorecards(db, pcc);
    expect(total).toBe(4);
    const byKey = Object.fromEntries(rows.map((r) => [key(r), r]));
    expect(byKey.A).toMatchObject({
      workerId: worker.a,
      tokenPrefix: prefix.a,
      tokenLabel: "Demo token",
      tokenRevoked: false,
      signups: 10,
      quality: 8,
      underReview: 2,
      voided: 2,
      flagged: 3,
      disowned: 1,
      bursts: 2,
      districtName: "Raipur",
    });
    expect(byKey.A!.flaggedShare).toBeCloseTo(0.3, 10);
    expect(byKey.A!.voidedShare).toBeCloseTo(0.2, 10);
    expect(byKey["A-book"]).toMatchObject({ tokenId: null, tokenPrefix: null, signups: 3, quality: 3, voided: 0, flagged: 0 });
    expect(byKey.B).toMatchObject({ signups: 6, quality: 6, voided: 0, flagged: 0, disowned: 0, bursts: 0 });
    expect(byKey.C).toMatchObject({ signups: 12, quality: 12, underReview: 1, flagged: 1, districtName: "Durg" });
    expect(await recount(db)).toEqual([]);
  });

  it("ranks by quality-adjusted sign-ups by default, and sorts by any column", async () => {
    const order = async (viewer: Viewer, q: Record<string, string> = {}) => {
      const p = parseScorecardParams(q);
      return (await loadScorecards(db, viewer, { sort: p.sort, dir: p.dir })).rows.map(key);
    };
    // 12 (C), 8 (A: 10 sign-ups minus 2 voided), 6 (B), 3 (A's books).
    expect(await order(pcc)).toEqual(["C", "A", "B", "A-book"]);
    expect(await order(pcc, { sort: "signups" })).toEqual(["C", "A", "B", "A-book"]);
    expect(await order(pcc, { sort: "quality", dir: "asc" })).toEqual(["A-book", "B", "A", "C"]);
    expect((await order(pcc, { sort: "flagged" })).slice(0, 2)).toEqual(["A", "C"]);
    expect((await order(pcc, { sort: "voided" }))[0]).toBe("A");
    // Paged: the second page of two rows holds the last two of the ranking, and the total stays.
    const second = await loadScorecards(db, pcc, { page: 2, pageSize: 2 });
    expect(second.rows.map(key)).toEqual(["B", "A-book"]);
    expect(second).toMatchObject({ total: 4, page: 2, pages: 2 });
  });

  it("shows a district president only their district's enrollers; nobody else has scorecards", async () => {
    const mine = await loadScorecards(db, raipur);
    expect(mine.rows.map(key)).toEqual(["A", "B", "A-book"]);
    expect(mine.rows.every((r) => r.districtName === "Raipur")).toBe(true);
    for (const sort of ["flagged", "voided", "disowned", "bursts", "name", "signups"] as const) {
      expect((await loadScorecards(db, raipur, { sort })).rows.some((r) => r.tokenId === tok.c)).toBe(false);
    }
    expect(await loadScorecards(db, itcell)).toEqual({ rows: [], total: 0, page: 1, pages: 1 });
  });

  it("suspends a token of the viewer's district with its audit event; another district's token is refused and nothing is written", async () => {
    const before = await tablesFingerprint(db);
    expect(await suspendEnrollerToken(db, raipur, tok.c)).toEqual({ ok: false, code: "not_found" });
    expect(await suspendEnrollerToken(db, itcell, tok.a)).toEqual({ ok: false, code: "forbidden" });
    expect(changedTables(before, await tablesFingerprint(db))).toEqual({});

    expect(await suspendEnrollerToken(db, raipur, tok.b)).toEqual({ ok: true, prefix: prefix.b });
    const [token] = await queryRows<Row>(db, sql`SELECT revoked_at IS NOT NULL AS revoked, revoked_by FROM api_tokens WHERE id = ${tok.b}`);
    expect(token).toMatchObject({ revoked_by: raipur.id });
    expect(token!.revoked === true || token!.revoked === "t").toBe(true);
    const [audit] = await queryRows<Row>(
      db,
      sql`SELECT action, entity_type, entity_id FROM audit_events WHERE actor_user_id = ${raipur.id} ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toMatchObject({ action: "tokens.revoke", entity_type: "api_token", entity_id: String(tok.b) });
    expect((await loadScorecards(db, raipur)).rows.find((r) => r.tokenId === tok.b)).toMatchObject({ tokenRevoked: true, signups: 6 });
    expect(await suspendEnrollerToken(db, raipur, tok.b)).toEqual({ ok: false, code: "already_revoked" });

    // Leadership may suspend anywhere in the state.
    expect(await suspendEnrollerToken(db, pcc, tok.c)).toEqual({ ok: true, prefix: prefix.c });
  });
});
