import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n";
import { flagWords } from "@/lib/members/quality/words";

const en = translator("en");
const hi = translator("hi");
const others = ["CG26-0000123", "CG26-0000456", "CG26-0000789"];

describe("flagWords", () => {
  it("says a shared phone with three numbers and how many more, in English and Hindi", () => {
    const d = { phone: "98•••••210", count: 7, others };
    expect(flagWords(en, "shared_phone", d, "en")).toBe("7 members share phone 98•••••210: CG26-0000123, CG26-0000456, CG26-0000789 and 3 more");
    expect(flagWords(hi, "shared_phone", d, "hi")).toBe("7 सदस्यों का एक ही फ़ोन 98•••••210 है: CG26-0000123, CG26-0000456, CG26-0000789 और 3 अन्य");
  });

  it("lists everyone when nobody is left over, and groups large numbers the Indian way", () => {
    expect(flagWords(en, "near_duplicate", { count: 2, others: others.slice(0, 1) }, "en")).toBe(
      "Same name and relative's name, age within 2 years, as CG26-0000123 in this assembly seat",
    );
    expect(flagWords(en, "photo_reuse", { count: 3, others: others.slice(0, 2), distance: 2 }, "en")).toBe("Same photo as CG26-0000123, CG26-0000456");
    expect(flagWords(en, "shared_phone", { phone: "98•••••210", count: 123_457, others }, "en")).toBe(
      "1,23,457 members share phone 98•••••210: CG26-0000123, CG26-0000456, CG26-0000789 and 1,23,453 more",
    );
  });

  it("gives a burst's times in India time, in the reader's language", () => {
    const d = { count: 42, limit: 20, minutes: 10, token: "sdy_ab12", from: "2026-11-28T06:00:00Z", to: "2026-11-28T06:08:00Z" };
    const e = flagWords(en, "burst", d, "en");
    expect(e).toMatch(/^42 sign-ups from token sdy_ab12 between 28 Nov 2026, 11:30 am and 11:38 am: more than 20 within 10 minutes$/i);
    const h = flagWords(hi, "burst", d, "hi");
    expect(h).toContain("टोकन sdy_ab12 से");
    expect(h).toContain("42 सदस्य");
    expect(h).toMatch(/11:30/);
    expect(h).toMatch(/11:38/);
  });

  it("names the EPIC rule and the disowning", () => {
    expect(flagWords(en, "epic_pattern", { rule: "serial", epic: "ABC•••1111" }, "en")).toBe(
      "Voter-card number ABC•••1111 has a placeholder serial (one digit repeated, or a straight run)",
    );
    expect(flagWords(hi, "epic_pattern", { rule: "placeholder", epic: "XXX•••4567" }, "hi")).toBe("मतदाता पहचान पत्र संख्या XXX•••4567 का अक्षर कोड बनावटी है");
    expect(flagWords(en, "disowned", { at: "2026-11-28T06:00:00Z" }, "en")).toMatch(/^The person said they did not join \(28 Nov 2026, 11:30 am\)$/i);
    expect(flagWords(hi, "disowned", { at: "2026-11-28T06:00:00Z" }, "hi")).toMatch(/^व्यक्ति ने कहा कि वे सदस्य नहीं बने \(.*11:30.*\)$/);
  });

  it("still reads with a detail that lacks its fields", () => {
    expect(flagWords(en, "disowned", {}, "en")).toBe("The person said they did not join (—)");
    expect(flagWords(en, "shared_phone", null, "en")).toBe("0 members share phone : ");
  });
});
