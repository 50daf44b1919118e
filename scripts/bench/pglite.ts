/**
 * The embedded demo as `npm run demo` runs it (PGlite, demo users, no DATABASE_URL), in a folder of the
 * benchmark's own (bench/.pglite by default, never .data/): seeded fresh unless reusing an already seeded one.
 */
import { rmSync } from "node:fs";
import { migrateDb, openDb } from "@/db/client";
import { isSeeded, seed } from "@/lib/seed";
import { seedQuality } from "@/lib/members/quality/seed-quality";

export async function preparePglite(dataDir: string, members: number, reuse: boolean, log: (m: string) => void): Promise<{ seconds: number; reused: boolean }> {
  if (!reuse) rmSync(dataDir, { recursive: true, force: true });
  const handle = await openDb({ dataDir });
  try {
    await migrateDb(handle);
    if (await isSeeded(handle.db)) return { seconds: 0, reused: true };
    const started = performance.now();
    // As `npm run demo` seeds: with the quality patterns and their scan, so the server's quality job starts idle.
    await seed(handle.db, { members, demoUsers: true, quality: seedQuality, log: (m) => log(`pglite ${m}`) });
    return { seconds: (performance.now() - started) / 1000, reused: false };
  } finally {
    // PGlite does not lock its folder: the server opens it only after this process lets go.
    await handle.close();
  }
}
