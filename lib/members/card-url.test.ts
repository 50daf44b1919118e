import { beforeAll, describe, expect, it } from "vitest";
import { cardSignature, cardUrl, verifyCardSignature } from "./card-url";

describe("card links", () => {
  beforeAll(() => {
    process.env.AUTH_SECRET ??= "test-secret-for-card-links";
  });
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
