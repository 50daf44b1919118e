import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";
import { FLAG_REASONS, type FlagReason } from "@/db/schema";
import { loadThresholds, DEFAULT_THRESHOLDS } from "@/lib/members/quality/settings";

/**
 * The signals measured against the demo seed's answer key (quality_labels, written by lib/seed/
 * quality-patterns.ts), for `npm run quality:eval` and its db test (issue 11, item 8).
 *
 * Per reason, over the labels of that reason (a label is a member and a reason):
 * - recall: the share of planted fakes that carry a flag of that reason;
 * - false flags: the share of genuine look-alikes (households on one phone, common names, twins, a steady
 *   enroller, their own photos, ordinary EPICs) that carry a flag of that reason;
 * - unlabelled: flags of that reason on members with no label for it — honest noise (ordinary members whose
 *   random names happen to meet in one seat, a planted member caught by another signal), reported, not judged.
 * "Overall" pools the labels of every reason. A flag counts whatever its status except `cleared` (a reviewed
 * flag, confirmed or voided, was raised). Goal: recall ≥ 95 %, false flags ≤ 5 %, per reason and overall;
 * a reason without labels of a kind is not judged on that kind.
 *
 * `busiestToken` documents the burst threshold against the seeded curve: the most sign-ups any token WITHOUT
 * burst labels (the ordinary enrollers' tokens) made within the state's burst window.
 */

export const RECALL_GOAL = 0.95;
export const FALSE_FLAG_GOAL = 0.05;

export interface ReasonEval {
  reason: FlagReason | "overall";
  fakes: number;
  fakesFlagged: number;
  /** fakesFlagged / fakes, null without fakes. */
  recall: number | null;
  genuine: number;
  genuineFlagged: number;
  /** genuineFlagged / genuine, null without genuine look-alikes. */
  falseFlags: number | null;
  /** Flags of this reason on members without a label for it. */
  unlabelledFlagged: number;
  met: boolean;
}

export interface QualityEval {
  reasons: ReasonEval[];
  overall: ReasonEval;
  /** Every judged figure meets its goal. */
  met: boolean;
  busiestToken: { count: number; minutes: number; limit: number; tokenPrefix: string | null };
}

const met = (r: Omit<ReasonEval, "met">) =>
  (r.recall === null || r.recall >= RECALL_GOAL) && (r.falseFlags === null || r.falseFlags <= FALSE_FLAG_GOAL);

function row(reason: ReasonEval["reason"], n: { fakes: number; fakesFlagged: number; genuine: number; genuineFlagged: number; unlabelledFlagged: number }): ReasonEval {
  const r = {
    reason,
    ...n,
    recall: n.fakes > 0 ? n.fakesFlagged / n.fakes : null,
    falseFlags: n.genuine > 0 ? n.genuineFlagged / n.genuine : null,
  };
  return { ...r, met: met(r) };
}

export async function evaluateQuality(db: DbOrTx, stateId?: number): Promise<QualityEval> {
  const state = stateId === undefined ? sql`TRUE` : sql`l.state_id = ${stateId}`;
  const counts = await queryRows<{ reason: string; fakes: number; fakes_flagged: number; genuine: number; genuine_flagged: number }>(
    db,
    sql`SELECT l.reason,
               count(*) FILTER (WHERE l.expected = 'fake')::int AS fakes,
               count(*) FILTER (WHERE l.expected = 'fake' AND f.member_id IS NOT NULL)::int AS fakes_flagged,
               count(*) FILTER (WHERE l.expected = 'genuine')::int AS genuine,
               count(*) FILTER (WHERE l.expected = 'genuine' AND f.member_id IS NOT NULL)::int AS genuine_flagged
        FROM (SELECT q.*, m.state_id FROM quality_labels q JOIN members m ON m.id = q.member_id) l
        LEFT JOIN member_flags f ON f.member_id = l.member_id AND f.reason = l.reason AND f.status <> 'cleared'
        WHERE ${state}
        GROUP BY l.reason`,
  );
  const noise = await queryRows<{ reason: string; n: number }>(
    db,
    sql`SELECT l.reason, count(*)::int AS n FROM member_flags l
        WHERE l.status <> 'cleared' AND ${state}
          AND NOT EXISTS (SELECT 1 FROM quality_labels q WHERE q.member_id = l.member_id AND q.reason = l.reason)
        GROUP BY l.reason`,
  );
  const byReason = new Map(counts.map((c) => [c.reason, c]));
  const noiseOf = new Map(noise.map((c) => [c.reason, Number(c.n)]));
  const reasons = FLAG_REASONS.map((reason) => {
    const c = byReason.get(reason);
    return row(reason, {
      fakes: Number(c?.fakes ?? 0),
      fakesFlagged: Number(c?.fakes_flagged ?? 0),
      genuine: Number(c?.genuine ?? 0),
      genuineFlagged: Number(c?.genuine_flagged ?? 0),
      unlabelledFlagged: noiseOf.get(reason) ?? 0,
    });
  });
  const sum = (k: "fakes" | "fakesFlagged" | "genuine" | "genuineFlagged" | "unlabelledFlagged") => reasons.reduce((a, r) => a + r[k], 0);
  const overall = row("overall", {
    fakes: sum("fakes"),
    fakesFlagged: sum("fakesFlagged"),
    genuine: sum("genuine"),
    genuineFlagged: sum("genuineFlagged"),
    unlabelledFlagged: sum("unlabelledFlagged"),
  });
  return { reasons, overall, met: overall.met && reasons.every((r) => r.met), busiestToken: await busiestToken(db, stateId) };
}

/** The most sign-ups one unlabelled token made within the burst window (the first state's, or `stateId`'s). */
async function busiestToken(db: DbOrTx, stateId?: number): Promise<QualityEval["busiestToken"]> {
  const thresholds = await loadThresholds(db);
  const t = (stateId === undefined ? [...thresholds.values()][0] : thresholds.get(stateId)) ?? DEFAULT_THRESHOLDS;
  const minutes = sql.raw(`interval '${Math.trunc(t.burstMinutes)} minutes'`);
  const state = stateId === undefined ? sql`TRUE` : sql`m.state_id = ${stateId}`;
  const [r] = await queryRows<{ n: number | null; prefix: string | null }>(
    db,
    sql`WITH tm AS (
          SELECT m.api_token_id, m.created_at FROM members m
          WHERE m.api_token_id IS NOT NULL AND m.standing <> 'void' AND ${state}
            AND m.api_token_id NOT IN (SELECT DISTINCT x.api_token_id FROM members x JOIN quality_labels q ON q.member_id = x.id
                                       WHERE q.reason = 'burst' AND x.api_token_id IS NOT NULL)
        ),
        w AS (
          SELECT api_token_id, count(*) OVER (PARTITION BY api_token_id ORDER BY created_at RANGE BETWEEN CURRENT ROW AND ${minutes} FOLLOWING) AS n
          FROM tm
        )
        SELECT w.n::int AS n, t.token_prefix AS prefix FROM w JOIN api_tokens t ON t.id = w.api_token_id
        ORDER BY w.n DESC, w.api_token_id LIMIT 1`,
  );
  return { count: Number(r?.n ?? 0), minutes: t.burstMinutes, limit: t.burstLimit, tokenPrefix: r?.prefix ?? null };
}
