import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

// defineAction reads the session, the language and the database through these; outside Next they are stubbed.
vi.mock("@/lib/auth/session", () => ({
  getViewer: async () => ({ id: 1, role: "leadership", name: "Test", email: "t@example.org", scope: { stateId: 1, level: "state", unitId: null } }),
}));
vi.mock("@/lib/i18n/server", () => ({ getT: async () => ({ locale: "en", t: (key: string) => key }) }));
vi.mock("@/db/client", () => ({ getDb: async () => ({}) }));

const { defineAction, illFormedRefusal } = await import("./actions");

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

describe("defineAction refuses ill-formed text", () => {
  const handler = vi.fn(async () => ({ ok: true as const }));
  const action = defineAction({ permission: "targets.set", schema: z.object({ name: z.string(), note: z.string().optional() }), handler });

  // FormData (like the browser before it) turns a lone surrogate into U+FFFD, which is refused as well.
  it.each([
    ["a lone high surrogate", "Ra\ud800mesh"],
    ["a replacement character (what a lone surrogate or a bad byte becomes in transit)", "Ra\ufffdmesh"],
    ["a lone low surrogate", "\udc00"],
    ["NUL", "Ram\u0000esh"],
    ["a control character", "Ram\u001besh"],
  ])("%s: a field error on that field, and the handler never runs", async (_label, value) => {
    handler.mockClear();
    const r = await action(null, form({ name: "Asha", note: value }));
    expect(r).toMatchObject({ ok: false, code: "invalid", fieldErrors: { note: "text.illFormed" } });
    expect(handler).not.toHaveBeenCalled();
  });

  it("lets well-formed text through, an emoji and Devanagari included", async () => {
    handler.mockClear();
    const r = await action(null, form({ name: "क्षमा 😀", note: "line one\nline two\tend" }));
    expect(r).toEqual({ ok: true });
    expect(handler).toHaveBeenCalledOnce();
  });

  it("checks repeated fields too, and names an ill-formed field name as the form", () => {
    const t = (k: string) => k;
    expect(illFormedRefusal({ tags: ["ok", "b\ud800d"] }, t)?.fieldErrors).toEqual({ tags: "text.illFormed" });
    expect(illFormedRefusal({ ["x\ud800"]: "\u0000" }, t)?.fieldErrors).toEqual({ _form: "text.illFormed" });
    expect(illFormedRefusal({ a: "fine", n: 3 }, t)).toBeNull();
    // Before FormData: the lone surrogate itself.
    expect(illFormedRefusal({ name: "Ra\ud800mesh" }, t)?.fieldErrors).toEqual({ name: "text.illFormed" });
  });
});
