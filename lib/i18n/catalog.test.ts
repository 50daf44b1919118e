import { describe, expect, it } from "vitest";
import { en } from "@/lib/i18n/en";
import { hi } from "@/lib/i18n/hi";
import { translator } from "@/lib/i18n/index";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogs", () => {
  it("has no Hindi key that English lacks, and the same placeholders", () => {
    for (const [key, text] of Object.entries(hi)) {
      expect(en, key).toHaveProperty(key);
      expect(placeholders(text!), key).toEqual(placeholders(en[key as keyof typeof en]));
    }
  });
  it("writes Hindi in Devanagari", () => {
    for (const [key, text] of Object.entries(hi)) {
      if (key === "shell.language") continue; // the switch names the other language
      const words = text!.replace(/\{\w+\}/g, "");
      if (/\p{L}/u.test(words)) expect(text, key).toMatch(/[\u0900-\u097F]/);
    }
  });
  it("calls an enroller by one Hindi word, सदस्यता प्रभारी, as the menu does", () => {
    for (const [key, text] of Object.entries(hi)) expect(text, key).not.toMatch(/नामांकनकर्ता/);
    expect(hi["nav.enrollers"]).toBe("सदस्यता प्रभारी");
  });
  it("fills placeholders and falls back to English", () => {
    const t = translator("hi");
    expect(t("overview.ofTarget", { percent: "50%", target: "1,000" })).toBe("लक्ष्य 1,000 का 50%");
    expect(translator("en")("shell.signedInAs", { name: "A" })).toBe("Signed in as A");
  });
});
