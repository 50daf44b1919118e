import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";

/** Liveness for the demo script and the e2e server: answers once the database answers. */
export async function GET() {
  try {
    const db = await getDb();
    await db.execute(sql`SELECT 1`);
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false }, { status: 503 });
  }
}
