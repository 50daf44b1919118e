import { describe, expect, it } from "vitest";
import { SESSION_COOKIES, sessionCookieValue } from "@/auth.config";

describe("the session cookie's value", () => {
  const [secure, plain] = SESSION_COOKIES;
  it("is the whole cookie when there is one", () => {
    expect(sessionCookieValue([{ name: "locale", value: "hi" }, { name: plain, value: "abc" }], plain)).toBe("abc");
    expect(sessionCookieValue([{ name: plain, value: "abc" }], secure)).toBeNull();
  });
  it("joins Auth.js's chunks in their numeric order, and ignores lookalike names", () => {
    const jar = [
      { name: `${plain}.10`, value: "K" },
      { name: `${plain}.2`, value: "C" },
      { name: `${plain}.0`, value: "A" },
      { name: `${plain}.1`, value: "B" },
      { name: `${plain}.x`, value: "!" },
      { name: `${plain}x.3`, value: "!" },
    ];
    expect(sessionCookieValue(jar, plain)).toBe("ABCK");
  });
  it("is null without any", () => {
    expect(sessionCookieValue([], plain)).toBeNull();
  });
});
