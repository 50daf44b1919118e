import { describe, expect, it } from "vitest";
import { parsePublicUrl, publicLink, publicUrl, PublicUrlError } from "@/lib/net/public-url";

describe("PUBLIC_URL", () => {
  it("is the configured origin, without a trailing slash", () => {
    expect(publicUrl({ PUBLIC_URL: "https://members.example.org" })).toBe("https://members.example.org");
    expect(publicUrl({ PUBLIC_URL: "https://members.example.org/" })).toBe("https://members.example.org");
    expect(publicUrl({ PUBLIC_URL: " http://127.0.0.1:3200 " })).toBe("http://127.0.0.1:3200");
    expect(publicUrl({ PUBLIC_URL: "https://Members.Example.org:443" })).toBe("https://members.example.org");
  });

  it("falls back to http://localhost with PORT (3000 without it) when unset or empty", () => {
    expect(publicUrl({})).toBe("http://localhost:3000");
    expect(publicUrl({ PUBLIC_URL: "" })).toBe("http://localhost:3000");
    expect(publicUrl({ PORT: "3100" })).toBe("http://localhost:3100");
  });

  it("is never taken from a request: only the environment is read", () => {
    // The function has no request parameter; a forwarded host cannot reach it. Same setting, same answer.
    expect(publicUrl({ PUBLIC_URL: "https://a.example" })).toBe(publicUrl({ PUBLIC_URL: "https://a.example", HOST: "evil.example" }));
  });

  it("refuses a malformed value with an error that names the setting", () => {
    for (const bad of ["members.example.org", "ftp://members.example.org", "https://members.example.org/app", "https://x.example/?a=1", "https://u:p@x.example", "http://"]) {
      expect(() => parsePublicUrl(bad), bad).toThrow(PublicUrlError);
      expect(() => publicUrl({ PUBLIC_URL: bad }), bad).toThrow(/PUBLIC_URL=/);
    }
    expect(() => publicUrl({ PORT: "not-a-port" })).toThrow(PublicUrlError);
  });

  it("builds absolute links", () => {
    expect(publicLink("/verify/CG26-0000001?s=abc", { PUBLIC_URL: "https://m.example" })).toBe("https://m.example/verify/CG26-0000001?s=abc");
    expect(() => publicLink("verify", { PUBLIC_URL: "https://m.example" })).toThrow();
  });
});
