import { describe, expect, it } from "vitest";
import { nameKey, normaliseName } from "@/lib/members/quality/name-key";
import { FIRST_NAMES_F, FIRST_NAMES_M, SURNAMES } from "@/lib/seed/people-data";

const PAIRS = [...FIRST_NAMES_M, ...FIRST_NAMES_F, ...SURNAMES];

describe("normaliseName", () => {
  it("gives one form for one person across script, case, spacing and vowel length", () => {
    const forms = ["सुनीता ध्रुव", "Sunita Dhruv", "SUNITA  DHRUW", "sunita dhruv", "SunitaDhruv", " Suneeta Dhruva ", "सुनिता ध्रुव"];
    for (const f of forms) expect(normaliseName(f), f).toBe("sunitdhruv");
  });

  it.each(PAIRS)("%s = %s", (latin, devanagari) => {
    expect(normaliseName(devanagari)).toBe(normaliseName(latin));
  });

  it("keeps every distinct Latin name of the seed lists distinct", () => {
    const latin = [...new Set(PAIRS.map(([l]) => l))];
    const byKey = new Map<string, string[]>();
    for (const l of latin) byKey.set(normaliseName(l), [...(byKey.get(normaliseName(l)) ?? []), l]);
    const collisions = [...byKey.values()].filter((names) => names.length > 1);
    expect(collisions).toEqual([]);
  });

  it.each([
    ["Sunita", "Anita"],
    ["Ramesh", "Rajesh"],
    ["Sahu", "Sinha"],
    ["Singh", "Sinha"],
    ["सिंह", "सिन्हा"],
    ["Suresh", "Mahesh"],
    ["Kamla", "Kamlesh"],
    ["Lata", "Lalit"],
    ["Dhruv", "Druv"],
  ])("tells %s from %s", (a, b) => {
    expect(normaliseName(a)).not.toBe(normaliseName(b));
  });

  it.each([
    ["Lakshmi", "Laxmi"],
    ["Pooja", "Puja"],
    ["Kishore", "Kishor"],
    ["Verma", "Varma"],
    ["Ajay", "Ajai"],
    ["Chhaya", "छाया"],
    ["Champa", "चंपा"],
    ["Krishna", "कृष्ण"],
    ["Gyan", "ज्ञान"],
    ["Rishi", "ऋषि"],
    ["Sanjay", "संजय"],
    ["Mangalwar", "मंगलवार"],
    ["Bangla", "बंगला"],
    ["Phoolbasan Bai", "फूलबासन बाई"],
    ["Dewangan", "Devangan"],
  ])("folds the spelling variants %s = %s", (a, b) => {
    expect(normaliseName(a)).toBe(normaliseName(b));
  });

  it("treats punctuation and digits as word breaks and ignores other letters", () => {
    expect(normaliseName("S. Dhruv")).toBe("sdhruv");
    expect(normaliseName("Sunita-Dhruv")).toBe("sunitdhruv");
    expect(normaliseName("Sunita2 Dhruv!")).toBe("sunitdhruv");
    expect(normaliseName("Sunítá Dhruv")).toBe("sunitdhruv");
    expect(normaliseName("")).toBe("");
    expect(normaliseName("   ")).toBe("");
    expect(normaliseName("١٢٣")).toBe("");
  });

  it("gives the same answer from the memo as on first sight", () => {
    const first = PAIRS.map(([l, d]) => normaliseName(`${l} ${d}`));
    const again = PAIRS.map(([l, d]) => normaliseName(`${l} ${d}`));
    expect(again).toEqual(first);
    // More distinct words than the memo holds: still right after eviction.
    for (let i = 0; i < 60_000; i++) normaliseName(`x${i.toString(36)}`);
    expect(normaliseName("सुनीता ध्रुव")).toBe("sunitdhruv");
  });
});

describe("nameKey", () => {
  it("joins the name and the relative's name", () => {
    expect(nameKey("सुनीता ध्रुव", "रमेश ध्रुव")).toBe("sunitdhruv|ramesdhruv");
    expect(nameKey("Sunita Dhruv", "Ramesh Dhruw")).toBe(nameKey("सुनीता ध्रुव", "रमेश ध्रुव"));
    expect(nameKey("Sunita Dhruv", null)).toBe("sunitdhruv|");
    expect(nameKey("Sunita Dhruv", "")).toBe("sunitdhruv|");
    expect(nameKey("Sunita", "Dhruv")).not.toBe(nameKey("Sunita Dhruv", null));
  });
});
