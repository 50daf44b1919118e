/**
 * `npm run quality:eval` — measures the quality signals against the demo seed's answer key (quality_labels,
 * planted by lib/seed/quality-patterns.ts): per reason and overall, the share of planted fakes flagged
 * (recall, goal ≥ 95 %) and of genuine look-alikes flagged (false flags, goal ≤ 5 %), plus the flags on
 * unlabelled members (noise, not judged) and the busiest burst window of any ordinary seeded token. Exits 1
 * when a goal is not met (lib/members/quality/eval.ts).
 *
 * It reads the configured database (DATABASE_URL, else PGlite in .data/), as the app does:
 *   npm run db:seed && npm run quality:eval
 * `npm run db:seed` (and `npm run demo`) plant the patterns and run the quality scan when they seed members.
 * On a database the seed did not make there are no labels, and nothing is judged.
 */
import { getDbHandle, migrateDb } from "@/db/client";
import { evaluateQuality, FALSE_FLAG_GOAL, RECALL_GOAL, type ReasonEval } from "@/lib/members/quality/eval";

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)} %`);

function line(r: ReasonEval): string[] {
  const recallOk = r.recall === null || r.recall >= RECALL_GOAL;
  const falseOk = r.falseFlags === null || r.falseFlags <= FALSE_FLAG_GOAL;
  return [
    r.reason,
    `${r.fakesFlagged} / ${r.fakes}`,
    pct(r.recall),
    `${r.genuineFlagged} / ${r.genuine}`,
    pct(r.falseFlags),
    String(r.unlabelledFlagged),
    r.fakes + r.genuine === 0 ? "no labels" : recallOk && falseOk ? "goal met" : `NOT MET${recallOk ? "" : " (recall)"}${falseOk ? "" : " (false flags)"}`,
  ];
}

const handle = await getDbHandle();
try {
  await migrateDb(handle);
  const result = await evaluateQuality(handle.db);
  const head = ["reason", "fakes flagged", "recall", "genuine flagged", "false flags", "unlabelled flags", `goal (recall ≥ ${RECALL_GOAL * 100} %, false ≤ ${FALSE_FLAG_GOAL * 100} %)`];
  const body = [...result.reasons.map(line), line(result.overall)];
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(`quality evaluation (${handle.engine}: ${handle.location})`);
  console.log(fmt(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const [i, b] of body.entries()) {
    if (i === body.length - 1) console.log(widths.map((w) => "-".repeat(w)).join("  "));
    console.log(fmt(b));
  }
  const b = result.busiestToken;
  console.log(
    `busiest ordinary token: ${b.count} sign-ups within ${b.minutes} minutes${b.tokenPrefix ? ` (${b.tokenPrefix}…)` : ""}; the burst limit is more than ${b.limit}`,
  );
  if (result.overall.fakes + result.overall.genuine === 0) {
    console.log("nothing to measure: no labels (seed the database with `npm run db:seed` first)");
    process.exitCode = 1;
  } else {
    console.log(result.met ? "every goal met" : "a goal is not met");
    process.exitCode = result.met ? 0 : 1;
  }
} finally {
  await handle.close();
}
