import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { seed } from "@/lib/seed";
import { createTestDb, testEngines, viewerFor } from "@/lib/testing/db";
import { writeAudit } from "@/lib/audit/write";
import { listAuditEvents } from "@/lib/audit/queries";

describe.each(testEngines())("the audit trail on %s", (engine) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(engine);
    await seed(h.db, { members: 10, demoUsers: true, now: new Date("2026-11-28T06:00:00Z") });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("shows administrators every event, newest first, with keyset pages and search", async () => {
    const admin = await viewerFor(h.db, "admin@demo.local");
    expect(admin.role).toBe("admin");
    for (let i = 0; i < 55; i++) await writeAudit(h.db, admin, { action: i % 2 ? "target.set" : "export.csv", entityType: "test", entityId: i });
    const first = (await listAuditEvents(h.db, admin))!;
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0]!.entityId).toBe("54");
    expect(first.rows[0]!.actor).toContain("admin@demo.local");
    const second = (await listAuditEvents(h.db, admin, { before: first.nextBefore! }))!;
    expect(second.rows.map((r) => r.entityId)).toContain("0");
    const targets = (await listAuditEvents(h.db, admin, { q: "target." }))!;
    expect(targets.rows.every((r) => r.action === "target.set")).toBe(true);
    expect(targets.rows).toHaveLength(27);
  });

  it("refuses a district president", async () => {
    const raipur = await viewerFor(h.db, "raipur@demo.local");
    expect(raipur.role).toBe("district_president");
    expect(await listAuditEvents(h.db, raipur)).toBeNull();
  });
});
