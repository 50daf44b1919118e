import { describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { rollupKey } from "@/lib/progress/shared";

const viewer = (id: number, role: Viewer["role"], level: Viewer["scope"]["level"], scopeId: number): Viewer => ({
  id,
  email: `u${id}@x`,
  name: `User ${id}`,
  role,
  scope: { level, id: scopeId, stateId: 1, name: "", nameHi: null, key: "" },
});
const unit = { level: "state" as const, id: 1 };
const now = new Date("2026-12-07T05:00:00Z");

describe("rollupKey", () => {
  it("is one key for two users of the same role and scope, and names no user", () => {
    const a = rollupKey("unit", viewer(1, "district_president", "district", 7), unit, now);
    const b = rollupKey("unit", viewer(2, "district_president", "district", 7), unit, now);
    expect(a).toBe(b);
    expect(a).not.toContain("u1@x");
  });

  it("differs between scopes, roles, units, kinds and days: a rollup is never shared across them", () => {
    const base = rollupKey("unit", viewer(1, "district_president", "district", 7), unit, now);
    const others = [
      rollupKey("unit", viewer(1, "district_president", "district", 8), unit, now),
      rollupKey("unit", viewer(1, "it_head", "district", 7), unit, now),
      rollupKey("unit", viewer(1, "district_president", "district", 7), { level: "district", id: 7 }, now),
      rollupKey("list-ac", viewer(1, "district_president", "district", 7), unit, now),
      rollupKey("unit", viewer(1, "district_president", "district", 7), unit, new Date("2026-12-07T19:00:00Z")),
    ];
    for (const k of others) expect(k).not.toBe(base);
  });
});
