import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "@/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { seed } from "@/lib/seed";
import { createTestDb, testEngines, viewerFor } from "@/lib/testing/db";

/**
 * GET /members/export through the route handler itself: the viewer and database it would get from the request
 * are the test's, and the cap is lowered to 40 so that a seeded list of a few hundred members is longer than it.
 */
const state = vi.hoisted(() => ({ viewer: null as Viewer | null, db: null as unknown }));
vi.mock("@/lib/auth/session", () => ({ getViewer: async () => state.viewer }));
vi.mock("@/db/client", async (original) => ({ ...(await original<typeof import("@/db/client")>()), getDb: async () => state.db }));
vi.mock("@/lib/members/export", async (original) => {
  const real = await original<typeof import("@/lib/members/export")>();
  return { ...real, exportMembers: (db: never, viewer: Viewer, opts: { q?: string; sort?: "new" | "old" | "name" }) => real.exportMembers(db, viewer, { ...opts, cap: 40 }) };
});
const { GET } = await import("@/app/(dashboard)/members/export/route");
const get = (query = "") => GET(new Request(`http://127.0.0.1/members/export${query}`));
const today = new Date(Date.now() + 5.5 * 3_600_000).toISOString().slice(0, 10);

describe.each(testEngines())("GET /members/export on %s", (engine) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(engine);
    await seed(h.db, { members: 120, demoUsers: true });
    state.db = h.db;
  });
  afterAll(async () => {
    await h?.close();
  });

  it("names a capped file with its cap, and an uncapped one without", async () => {
    state.viewer = await viewerFor(h.db, "pcc@demo.local");
    const capped = await get();
    expect(capped.status).toBe(200);
    expect(capped.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(capped.headers.get("content-disposition")).toBe(`attachment; filename="members-${today}-first-40.csv"`);
    const lines = (await capped.text()).trimEnd().split("\r\n");
    expect(lines).toHaveLength(41);
    expect(lines.at(-1)).toMatch(/^CG[0-9]{2}-[0-9]{7},/);

    // The list's order travels in the query string, as the page's link sends it.
    const byName = await get("?sort=name&q=");
    expect(byName.headers.get("content-disposition")).toBe(`attachment; filename="members-by-name-${today}-first-40.csv"`);
    await byName.body?.cancel();

    const [first] = lines.slice(1).map((l) => l.split(",")[0]!);
    const one = await get(`?q=${first}`);
    expect(one.headers.get("content-disposition")).toBe(`attachment; filename="members-${today}.csv"`);
    expect((await one.text()).trimEnd().split("\r\n")).toHaveLength(2);
  });

  it("refuses a district president (404) and a missing session (401)", async () => {
    state.viewer = await viewerFor(h.db, "raipur@demo.local");
    expect((await get()).status).toBe(404);
    state.viewer = null;
    expect((await get()).status).toBe(401);
  });
});
