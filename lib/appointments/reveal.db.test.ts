import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import { testEngines } from "@/lib/testing/db";
import type { Viewer } from "@/lib/auth/viewer";
import { maskEpic, maskPhone } from "@/lib/validation/mask";
import { listBoothPosts, loadPost, searchWorkers } from "@/lib/appointments/queries";
import { revealWorker } from "@/lib/appointments/reveal";
import { appoint, type ServiceCtx } from "@/lib/appointments/service";
import { freshPhones, seededDemo, vacantBooth } from "@/lib/testing/factories";

/** Workers' phone and EPIC on post pages: masked in everything the pages read, full only through an audited reveal. */
describe.each(testEngines())("workers' phone and EPIC on %s", (engine) => {
  let h: DbHandle;
  let raipur: Viewer;
  let pcc: Viewer;
  let itcell: Viewer;
  /** An enroller in Raipur (appointed by the Raipur president) and one in Durg (by leadership). */
  let mine: { workerId: number; code: string; phone: string; epic: string };
  let durg: { workerId: number; code: string; phone: string; epic: string };
  const ctx = (viewer: Viewer): ServiceCtx => ({ db: h.db, viewer });
  const reveals = async () =>
    (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'workers.reveal'`))[0]!.n;

  beforeAll(async () => {
    ({ h, raipur, pcc, itcell } = await seededDemo(engine));
    const [p1, p2] = await freshPhones(h.db, 2);
    const b1 = await vacantBooth(h.db, "raipur", "enroller");
    const a1 = await appoint(ctx(raipur), { role: "enroller", level: "booth", unitId: b1.id, worker: { name: "Reveal Raipur", phone: p1!, epic: "RVL1234567" } });
    mine = { workerId: a1.workerId, code: b1.code, phone: p1!, epic: "RVL1234567" };
    const b2 = await vacantBooth(h.db, "durg", "enroller");
    const a2 = await appoint(ctx(pcc), { role: "enroller", level: "booth", unitId: b2.id, worker: { name: "Reveal Durg", phone: p2!, epic: "RVD7654321" } });
    durg = { workerId: a2.workerId, code: b2.code, phone: p2!, epic: "RVD7654321" };
  });
  afterAll(async () => {
    await h?.close();
  });

  it("post pages read masked values only: holders, history, booth lists and the worker search", async () => {
    const post = await loadPost(h.db, raipur, "enroller", "booth", mine.code);
    const holder = post!.holders.find((x) => x.workerId === mine.workerId)!;
    expect(holder).toMatchObject({ phoneMasked: maskPhone(mine.phone), epicMasked: maskEpic(mine.epic) });
    expect(holder.phoneMasked).toMatch(/^[6-9][0-9]•••••[0-9]{3}$/);
    expect(holder.epicMasked).toBe("RVL•••4567");
    const list = await listBoothPosts(h.db, raipur, { role: "enroller", q: mine.code });
    const hits = await searchWorkers(h.db, raipur, "Reveal Raipur");
    expect(hits.map((w) => w.id)).toContain(mine.workerId);
    for (const [what, data] of [["post", post], ["booth list", list], ["search", hits]] as const) {
      const json = JSON.stringify(data);
      expect(json, what).not.toContain(mine.phone);
      expect(json, what).not.toContain(mine.epic);
      expect(json, what).not.toContain(mine.phone.slice(2, 7));
    }
  });

  it("a reveal by the section's manager shows the full values and writes one audit event naming the fields", async () => {
    const before = await reveals();
    const r = await revealWorker(h.db, raipur, "enrollers", mine.workerId);
    expect(r).toMatchObject({ workerId: mine.workerId, phone: mine.phone, epic: mine.epic, auditId: expect.any(Number) });
    expect(await reveals()).toBe(before + 1);
    const [event] = await queryRows<{ id: number; actor_user_id: number; entity_type: string; entity_id: string; after: unknown }>(
      h.db,
      sql`SELECT id, actor_user_id, entity_type, entity_id, after FROM audit_events WHERE action = 'workers.reveal' ORDER BY id DESC LIMIT 1`,
    );
    // bigint ids come back as text from node-postgres.
    expect(Number(event!.id)).toBe(r!.auditId);
    expect(event).toMatchObject({ actor_user_id: raipur.id, entity_type: "worker", entity_id: String(mine.workerId) });
    expect(event!.after).toEqual({ section: "enrollers", fields: ["phone", "epic"] });
    expect(JSON.stringify(event)).not.toContain(mine.phone);
    expect(JSON.stringify(event)).not.toContain(mine.epic);
  });

  it("refuses another district's worker, the other section, and roles without the right, writing nothing", async () => {
    const before = await reveals();
    expect(await revealWorker(h.db, raipur, "enrollers", durg.workerId)).toBeNull();
    // The IT cell head does not manage enrollers; the Raipur president does not manage the IT cell.
    expect(await revealWorker(h.db, itcell, "enrollers", mine.workerId)).toBeNull();
    expect(await revealWorker(h.db, raipur, "itcell", mine.workerId)).toBeNull();
    // The worker is an enroller, not an IT-cell worker: the IT section does not reach them even for leadership.
    expect(await revealWorker(h.db, pcc, "itcell", mine.workerId)).toBeNull();
    expect(await revealWorker(h.db, raipur, "enrollers", 999_999_999)).toBeNull();
    expect(await reveals()).toBe(before);
    // Leadership may, statewide.
    expect(await revealWorker(h.db, pcc, "enrollers", durg.workerId)).toMatchObject({ phone: durg.phone, epic: durg.epic });
    expect(await reveals()).toBe(before + 1);
  });
});
