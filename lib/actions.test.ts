import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

// defineAction reads the session, the language and the database through these; outside Next they are stubbed.
vi.mock("@/lib/auth/session", () => ({
  getViewer: async () => ({ id: 1, role: "leadership", name: "Test", email: "t@example.org", scope: { stateId: 1, level: "state", unitId: null } }),
}));
vi.mock("@/lib/i18n/server", () => ({
  getT: async () => ({ locale: "en", t: (key: string, vars?: Record<string, unknown>) => (vars ? `${key} ${JSON.stringify(vars)}` : key) }),
}));
vi.mock("@/db/client", () => ({ getDb: async () => ({}) }));
const cache = vi.hoisted(() => ({ refresh: vi.fn(), revalidatePath: vi.fn() }));
vi.mock("next/cache", () => cache);

const { defineAction, illFormedRefusal } = await import("@/lib/actions");
const { ActionError } = await import("@/lib/errors");

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

describe("defineAction speaks catalog keys", () => {
  it("translates a schema's keys, with {max} from a size check and params from a custom issue", async () => {
    const schema = z.object({
      name: z.string().max(3, { error: "trainings.field.tooLong" }),
      days: z.string().superRefine((_v, ctx) => ctx.addIssue({ code: "custom", message: "trainings.field.tooManyDays", params: { max: 14 } })),
    });
    const action = defineAction({ permission: "targets.set", schema, handler: async () => ({ ok: true }) });
    const r = await action(null, form({ name: "Ramesh", days: "20" }));
    expect(r).toMatchObject({
      ok: false,
      code: "invalid",
      message: "action.invalid",
      fieldErrors: { name: 'trainings.field.tooLong {"max":3}', days: 'trainings.field.tooManyDays {"max":14}' },
    });
  });

  it("turns an ActionError's key, values and field keys into the reader's messages; its own message is English", async () => {
    const err = new ActionError("conflict", "appointments.error.justFilled", { name: "Asha" }, { phone: "appointments.error.phoneTaken" });
    expect(err.message).toBe("This post was just filled by Asha.");
    expect(err.fieldErrors).toEqual({ phone: expect.stringMatching(/another name/) });
    const action = defineAction({
      permission: "targets.set",
      schema: z.object({}),
      handler: async () => {
        throw err;
      },
    });
    expect(await action(null, form({}))).toEqual({
      ok: false,
      code: "conflict",
      message: 'appointments.error.justFilled {"name":"Asha"}',
      fieldErrors: { phone: "appointments.error.phoneTaken" },
      values: {},
    });
  });
});

describe("defineAction refreshes what a write changed, and only after a success", () => {
  const schema = z.object({ fail: z.string().optional() });
  const handler = async ({ input }: { input: { fail?: string } }) => {
    if (input.fail) throw new ActionError("conflict", "progress.targets.conflict");
    return { ok: true as const, data: { changed: input.fail === undefined } };
  };

  it("refreshes the page, revalidates paths, or lets the result decide", async () => {
    cache.refresh.mockClear();
    cache.revalidatePath.mockClear();
    await defineAction({ permission: "targets.set", schema, handler, revalidate: "refresh" })(null, form({}));
    expect(cache.refresh).toHaveBeenCalledOnce();
    await defineAction({ permission: "targets.set", schema, handler, revalidate: ["/admin/users", "/"] })(null, form({}));
    expect(cache.revalidatePath.mock.calls).toEqual([["/admin/users"], ["/"]]);
    await defineAction({ permission: "targets.set", schema, handler, revalidate: () => null })(null, form({}));
    await defineAction({ permission: "targets.set", schema, handler })(null, form({}));
    expect(cache.refresh).toHaveBeenCalledOnce();
    expect(cache.revalidatePath).toHaveBeenCalledTimes(2);
  });

  it("refreshes nothing when the action fails", async () => {
    cache.refresh.mockClear();
    const r = await defineAction({ permission: "targets.set", schema, handler, revalidate: "refresh" })(null, form({ fail: "yes" }));
    expect(r).toMatchObject({ ok: false, code: "conflict" });
    expect(cache.refresh).not.toHaveBeenCalled();
  });
});

describe("defineAction and the shared rollups", () => {
  it("clears this process's shared rollups after a successful write (the writer reads it), not after a refusal", async () => {
    const { sharedRollup } = await import("@/lib/rollups");
    let computed = 0;
    const read = () => sharedRollup("actions-test", async () => ++computed, { seconds: 60 });
    await read();
    const refused = defineAction({ permission: "targets.set", schema: z.object({ n: z.string().min(3) }), handler: async () => ({ ok: true as const }) });
    await refused(null, form({ n: "x" }));
    await read();
    expect(computed).toBe(1);
    const writes = defineAction({ permission: "targets.set", schema: z.object({ n: z.string() }), handler: async () => ({ ok: true as const }) });
    await writes(null, form({ n: "x" }));
    await read();
    expect(computed).toBe(2);
  });
});
