import { beforeAll, describe, expect, it } from "vitest";
import { cardSignature, cardUrl, checkVerifySignature, verifyCardSignature, verifySignature, verifyUrl } from "@/lib/members/card/url";

beforeAll(() => {
  process.env.AUTH_SECRET ??= "test-secret-for-card-links";
});

describe("card links", () => {
  it("signs a membership number and verifies only that number's signature", () => {
    const sig = cardSignature("CG26-0000001");
    expect(verifyCardSignature("CG26-0000001", sig)).toBe(true);
    expect(verifyCardSignature("CG26-0000002", sig)).toBe(false);
    expect(verifyCardSignature("CG26-0000001", null)).toBe(false);
    expect(verifyCardSignature("CG26-0000001", `${sig}x`)).toBe(false);
  });
  it("builds absolute and relative links", () => {
    expect(cardUrl("CG26-0000001")).toMatch(/^\/members\/CG26-0000001\/card\?sig=[A-Za-z0-9_-]{22}$/);
    expect(cardUrl("CG26-0000001", "https://example.org")).toMatch(/^https:\/\/example\.org\/members\/CG26-0000001\/card\?sig=/);
  });
});

describe("verification links", () => {
  it("accept their own number's signature only", () => {
    const sig = verifySignature("CG26-0004711");
    expect(sig).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(checkVerifySignature("CG26-0004711", sig)).toBe(true);
    // Another number, the next one in the sequence included.
    expect(checkVerifySignature("CG26-0004712", sig)).toBe(false);
    expect(checkVerifySignature("CG26-0004711", undefined)).toBe(false);
    expect(checkVerifySignature("CG26-0004711", "")).toBe(false);
  });

  it("refuse a tampered signature: one character changed, cut short, or lengthened", () => {
    const sig = verifySignature("CG26-0004711");
    const flipped = `${sig.slice(0, 10)}${sig[10] === "A" ? "B" : "A"}${sig.slice(11)}`;
    expect(checkVerifySignature("CG26-0004711", flipped)).toBe(false);
    expect(checkVerifySignature("CG26-0004711", sig.slice(0, 21))).toBe(false);
    expect(checkVerifySignature("CG26-0004711", `${sig}A`)).toBe(false);
    expect(checkVerifySignature("CG26-0004711", sig.toUpperCase() === sig ? sig.toLowerCase() : sig.toUpperCase())).toBe(false);
  });

  it("are not interchangeable with card links", () => {
    expect(checkVerifySignature("CG26-0004711", cardSignature("CG26-0004711"))).toBe(false);
    expect(verifyCardSignature("CG26-0004711", verifySignature("CG26-0004711"))).toBe(false);
  });

  it("depend on the secret", () => {
    const sig = verifySignature("CG26-0004711");
    const saved = process.env.AUTH_SECRET;
    process.env.AUTH_SECRET = "another-deployment";
    try {
      expect(checkVerifySignature("CG26-0004711", sig)).toBe(false);
    } finally {
      process.env.AUTH_SECRET = saved;
    }
  });

  it("build /verify/<no>?s=<sig>, absolute on an origin", () => {
    const sig = verifySignature("CG26-0004711");
    expect(verifyUrl("CG26-0004711")).toBe(`/verify/CG26-0004711?s=${sig}`);
    expect(verifyUrl("CG26-0004711", "https://members.example.org")).toBe(`https://members.example.org/verify/CG26-0004711?s=${sig}`);
    expect(verifyUrl("CG26-0004711", "https://members.example.org/")).toBe(`https://members.example.org/verify/CG26-0004711?s=${sig}`);
  });
});
