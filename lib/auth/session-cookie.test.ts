import { describe, expect, it } from "vitest";
import { SESSION_COOKIES, sessionCookieName, sessionCookieValue, secureSessionCookies } from "@/auth.config";

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
  it("is one name per deployment: the __Secure- one when the public address is https", () => {
    expect(sessionCookieName({ PUBLIC_URL: "https://members.example.org" } as unknown as NodeJS.ProcessEnv)).toBe(secure);
    expect(secureSessionCookies({ PUBLIC_URL: "https://members.example.org" } as unknown as NodeJS.ProcessEnv)).toBe(true);
    expect(sessionCookieName({ PUBLIC_URL: "http://127.0.0.1:3000" } as unknown as NodeJS.ProcessEnv)).toBe(plain);
    expect(sessionCookieName({} as unknown as NodeJS.ProcessEnv)).toBe(plain);
  });
});
