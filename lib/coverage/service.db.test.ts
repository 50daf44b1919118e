import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { boundaryMap } from "@/lib/coverage/boundaries";
import { canImportBoundaries, uploadBoundaries } from "@/lib/coverage/service";
import { sharedDataPath, testEngines, viewerFor } from "@/lib/testing/db";
import { seededDemo, writesSnapshot } from "@/lib/testing/factories";

/** A request body holding these bytes, as the route hands it on. */
const body = (bytes: Uint8Array | string) => new Response(typeof bytes === "string" ? bytes : new Uint8Array(bytes)).body;

describe.each(testEngines())("the boundary upload on %s", (engine) => {
  let h: DbHandle;
  let admin: Viewer;
  let others: Viewer[];
  const file = () => readFileSync(sharedDataPath("cg-assembly.geo.json"));

  beforeAll(async () => {
    const demo = await seededDemo(engine);
    h = demo.h;
    admin = await viewerFor(h.db, "admin@demo.local");
    others = [demo.raipur, demo.pcc, demo.itcell];
  });
  afterAll(async () => {
    await h?.close();
  });

  it("is refused to everyone but a state's administrator, before the file is read, and writes nothing", async () => {
    expect(canImportBoundaries(admin)).toBe(true);
    const before = await writesSnapshot(h.db);
    for (const viewer of others) {
      expect(canImportBoundaries(viewer)).toBe(false);
      expect(await uploadBoundaries(h.db, viewer, body(file()))).toEqual({ ok: false, code: "forbidden" });
    }
    // An administrator whose scope were a district would be refused too: the file covers the whole state.
    expect(await uploadBoundaries(h.db, { ...others[0]!, role: "admin" }, body(file()))).toEqual({ ok: false, code: "forbidden" });
    expect(await writesSnapshot(h.db)).toEqual(before);
  });

  it("answers a bad file with its problems and writes nothing", async () => {
    const before = await writesSnapshot(h.db);
    expect(await uploadBoundaries(h.db, admin, null)).toMatchObject({ ok: false, code: "invalid", reason: "empty" });
    expect(await uploadBoundaries(h.db, admin, body("{not json"))).toMatchObject({
      ok: false,
      code: "invalid",
      reason: "rejected",
      problems: [{ line: null, message: expect.stringMatching(/^the file is not JSON/) }],
    });
    const point = JSON.stringify({ type: "FeatureCollection", features: [{ type: "Feature", properties: { AC_NO: 49 }, geometry: { type: "Point", coordinates: [81, 21] } }] });
    expect(await uploadBoundaries(h.db, admin, body(point))).toMatchObject({ reason: "rejected", problems: [{ message: expect.stringContaining("only Polygon and MultiPolygon") }] });
    expect(await uploadBoundaries(h.db, admin, body(file()), 1024)).toMatchObject({ ok: false, reason: "too_large" });
    expect(await writesSnapshot(h.db)).toEqual(before);
  });

  it("imports a good file with the administrator as the audit event's actor, and the map can be drawn", async () => {
    expect(await uploadBoundaries(h.db, admin, body(file()))).toEqual({ ok: true, changed: true, features: 90, created: 90, updated: 0 });
    const events = await queryRows<{ actor: number | null; after: { features: number } }>(
      h.db,
      sql`SELECT actor_user_id AS actor, after FROM audit_events WHERE action = 'import.boundaries'`,
    );
    expect(events).toEqual([{ actor: admin.id, after: expect.objectContaining({ features: 90, created: 90 }) }]);
    const ids = await queryRows<{ id: number }>(h.db, sql`SELECT id FROM assembly_seats`);
    expect((await boundaryMap(h.db, admin.scope.stateId, ids.map((r) => r.id)))!.shapes).toHaveLength(90);
    // The same file again changes nothing.
    expect(await uploadBoundaries(h.db, admin, body(file()))).toMatchObject({ ok: true, changed: false, features: 90 });
  });
});
