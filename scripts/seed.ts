/**
 * `npm run db:seed` — migrates, then seeds an empty database (PGlite in .data/, or DATABASE_OWNER_URL, else
 * DATABASE_URL: setval and ANALYZE are the owner's).
 *   SEED_MEMBERS  number of members (default 200000)
 *   SEED          generator seed (default 2026)
 *   --demo        also create the demo users (never in production)
 * With members, it also plants the labelled quality patterns and runs the quality scan (lib/seed/quality-patterns.ts;
 * `npm run quality:eval` measures the signals against them).
 */
import { migrateDb, openOwnerDb } from "@/db/client";
import { isSeeded, seed } from "@/lib/seed";
import { seedQuality } from "@/lib/members/quality/seed-quality";

const handle = await openOwnerDb();
try {
  await migrateDb(handle);
  if (await isSeeded(handle.db)) {
    console.log(`already seeded (${handle.engine}: ${handle.location}); nothing to do`);
  } else {
    const members = Number(process.env.SEED_MEMBERS ?? 200_000);
    if (!Number.isInteger(members) || members < 0) throw new Error(`SEED_MEMBERS must be a whole number, got ${process.env.SEED_MEMBERS}`);
    const started = Date.now();
    const summary = await seed(handle.db, {
      seed: process.env.SEED ? Number(process.env.SEED) : undefined,
      members,
      demoUsers: process.argv.includes("--demo"),
      quality: seedQuality,
      log: (m) => console.log(m),
    });
    console.log(
      `seeded ${handle.engine} (${handle.location}) in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
        `${summary.booths} booths, ${summary.members} members, ${summary.workers} workers, campaign ${summary.startsOn} → ${summary.endsOn}`,
    );
  }
} finally {
  await handle.close();
}
