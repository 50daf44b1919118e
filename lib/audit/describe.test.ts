import { describe, expect, it } from "vitest";
import { describeEvent, valueText } from "@/lib/audit/describe";
import { translator } from "@/lib/i18n";

const en = translator("en");
const hi = translator("hi");

const appoint = {
  action: "appointment.appoint",
  entityType: "appointment",
  entityId: "17",
  before: null,
  // Keys in jsonb's order (shortest first), as the database hands them back.
  after: { role: "enroller", level: "booth", unitId: 9, unitKey: "049-123", workerId: 4, newWorker: true, workerName: "Sunita Verma" },
};

describe("an audit event in words", () => {
  it("names the action, what it was done to and the new values, in English", () => {
    const d = describeEvent(en, "en", appoint);
    expect(d.action).toBe("Appointed to a post");
    expect(d.subject).toBe("Enroller · Booth 049-123");
    // Internal ids are left out; the subject's fields are not repeated.
    expect(d.changes).toEqual([
      { field: "Person", after: "Sunita Verma" },
      { field: "New person", after: "Yes" },
    ]);
  });

  it("says the same in Hindi", () => {
    const d = describeEvent(hi, "hi", appoint);
    expect(d.action).toBe("पद पर नियुक्ति");
    expect(d.subject).toBe("सदस्यता प्रभारी · बूथ 049-123");
    expect(d.changes).toEqual([
      { field: "व्यक्ति", after: "Sunita Verma" },
      { field: "नया व्यक्ति", after: "हाँ" },
    ]);
  });

  it("shows a replacement as old → new and leaves out what did not change", () => {
    const d = describeEvent(en, "en", {
      action: "appointment.replace",
      entityType: "appointment",
      entityId: "18",
      before: { appointmentId: 17, role: "enroller", level: "booth", unitId: 9, unitKey: "049-123", workerId: 4, workerName: "Sunita Verma" },
      after: { appointmentId: 18, role: "enroller", level: "booth", unitId: 9, unitKey: "049-123", workerId: 5, workerName: "Ramesh Sahu", reason: "Moved away" },
    });
    expect(d.changes).toEqual([
      { field: "Person", before: "Sunita Verma", after: "Ramesh Sahu" },
      { field: "Reason", after: "Moved away" },
    ]);
  });

  it("shows a target change, a user's area and an ended post", () => {
    expect(
      describeEvent(en, "en", {
        action: "target.update",
        entityType: "target",
        entityId: "1:ac:51",
        before: { members: 12000 },
        after: { campaignId: 1, level: "ac", unitId: 51, members: 125000, unitLabel: "51 · Raipur City West", districtId: 3 },
      }),
    ).toEqual({ action: "Target changed", subject: "Target · Assembly seat · 51 · Raipur City West", changes: [{ field: "Members", before: "12,000", after: "1,25,000" }] });
    const user = describeEvent(hi, "hi", {
      action: "user.update",
      entityType: "user",
      entityId: "5",
      before: { role: "district_president", scope: { level: "district", id: 3, name: "Raipur", key: "raipur" } },
      after: { role: "leadership", scope: { level: "state", id: 1, name: "Chhattisgarh", key: "CG" }, sessionsEnded: 2 },
    });
    expect(user.changes[0]).toEqual({ field: "भूमिका", before: "ज़िला अध्यक्ष", after: expect.stringMatching(/[\u0900-\u097F]/) });
    expect(user.changes[1]).toEqual({ field: "क्षेत्र", before: "Raipur ज़िला", after: "Chhattisgarh (प्रदेश)" });
    const ended = describeEvent(en, "en", {
      action: "appointment.end",
      entityType: "appointment",
      entityId: "18",
      before: { role: "it_member", level: "booth", unitId: 9, unitKey: "049-123", workerId: 5, workerName: "Ramesh Sahu" },
      after: { ended: true, reason: "Resigned" },
    });
    expect(ended.subject).toBe("IT-cell member · Booth 049-123");
    expect(ended.changes).toEqual([
      { field: "Person", before: "Ramesh Sahu" },
      { field: "Reason", after: "Resigned" },
      { field: "Ended", after: "Yes" },
    ]);
  });

  it("writes days and lists in the reader's language", () => {
    expect(valueText(hi, "hi", "startsOn", "2026-12-02")).toMatch(/[\u0900-\u097F]/);
    expect(valueText(en, "en", "startsOn", "2026-12-02")).toBe("2 Dec 2026");
    expect(valueText(en, "en", "reasons", ["shared_phone", "burst"])).toBe("Shared phone, Burst of sign-ups");
    expect(valueText(en, "en", "members", 125000)).toBe("1,25,000");
    expect(valueText(en, "en", "seed", 2026)).toBe("2026");
    expect(valueText(hi, "hi", "fields", ["phone", "epic"])).toBe("मोबाइल, मतदाता पहचान पत्र");
  });
});
