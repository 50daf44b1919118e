/**
 * Seeding speed on PostgreSQL: creates a fresh database, seeds SEED_MEMBERS (default 20,00,000) members,
 * checks the counters against a recount, reports the time, and drops the database.
 *   DATABASE_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:seed
 */
import { openDb } from "@/db/client";
import { formatNumber } from "@/lib/format";
import { recount } from "@/db/recount";
import { ADMIN_URL, dropDatabase, seedFreshDatabase } from "@/scripts/bench/databases";

const members = Number(process.env.SEED_MEMBERS ?? 2_000_000);
const name = `sadasyata_bench_seed_${process.pid}`;

try {
  const { url, summary, seconds } = await seedFreshDatabase(ADMIN_URL, name, { members, log: (m) => console.log(m) });
  const handle = await openDb({ url });
  try {
    const recountStarted = performance.now();
    const differences = await recount(handle.db);
    const recountSeconds = (performance.now() - recountStarted) / 1000;
    console.log(
      `seeded ${formatNumber(summary.members)} members, ${summary.booths} booths, ${summary.workers} workers ` +
        `in ${seconds.toFixed(1)} s (${formatNumber(Math.round(summary.members / seconds))} members/s overall); ` +
        `recount ${recountSeconds.toFixed(1)} s, ${differences.length} differences`,
    );
    if (differences.length > 0) process.exitCode = 1;
  } finally {
    await handle.close();
  }
} finally {
  await dropDatabase(ADMIN_URL, name);
}
