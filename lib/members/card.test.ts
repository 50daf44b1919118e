import { afterEach, describe, expect, it, vi } from "vitest";
import { publicOrigin, verifyUrl } from "./card";

const req = (url: string, headers: Record<string, string> = {}) => ({ url, headers: new Headers(headers) });

describe("the origin printed in a card's QR code", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is the host the visitor addressed, not the one Next rewrote the URL to", () => {
    expect(publicOrigin(req("http://localhost:3304/members/x/card", { host: "127.0.0.1:3304" }))).toBe("http://127.0.0.1:3304");
  });

  it("follows a proxy's forwarded host and scheme", () => {
    expect(publicOrigin(req("http://localhost:3000/x", { host: "localhost:3000", "x-forwarded-host": "members.example.org", "x-forwarded-proto": "https" }))).toBe(
      "https://members.example.org",
    );
  });

  it("prefers a configured public URL, and ignores a malformed host", () => {
    expect(publicOrigin(req("http://localhost:3000/x", { host: "evil\"><script>" }))).toBe("http://localhost:3000");
    vi.stubEnv("PUBLIC_URL", "https://sadasyata.example/app");
    expect(publicOrigin(req("http://localhost:3000/x", { host: "127.0.0.1:3000" }))).toBe("https://sadasyata.example");
  });

  it("builds the verification link", () => {
    expect(verifyUrl("https://a.example", "CG26-0000001")).toBe("https://a.example/verify/CG26-0000001");
  });
});
