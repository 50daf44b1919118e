/** `npm run recount` — checks the booth counters against members and posts, and the cell counters against their booths; rebuilds what differs and reports every difference it corrected. */
import { getDbHandle, migrateDb } from "@/db/client";
import { recount } from "@/db/recount";

const handle = await getDbHandle();
try {
  await migrateDb(handle);
  const started = Date.now();
  const differences = await recount(handle.db, { fix: true });
  for (const d of differences.slice(0, 50)) console.log(`${d.table} ${d.key}: stored ${d.stored}, counted ${d.counted}`);
  if (differences.length > 50) console.log(`… and ${differences.length - 50} more`);
  console.log(
    differences.length === 0
      ? `counters agree with members (${((Date.now() - started) / 1000).toFixed(1)} s)`
      : `corrected ${differences.length} counter rows`,
  );
} finally {
  await handle.close();
}
