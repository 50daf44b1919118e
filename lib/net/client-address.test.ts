import { describe, expect, it } from "vitest";
import { clientAddress, CLIENT_ADDRESS_HEADER, proxyTrustFromEnv, resolveClientAddress } from "@/lib/net/client-address";

const none = { hops: 0, proxies: [] };

describe("resolveClientAddress", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("203.0.113.9", "127.0.0.1", none)).toBe("127.0.0.1");
    expect(resolveClientAddress(undefined, "::ffff:10.1.2.3", none)).toBe("10.1.2.3");
    expect(resolveClientAddress("1.1.1.1", undefined, none)).toBe("unknown");
  });

  it("takes the entry the trusted proxy appended, never one the client wrote", () => {
    const one = { hops: 1, proxies: [] };
    // The client wrote 6.6.6.6; HAProxy appended the real peer 203.0.113.9.
    expect(resolveClientAddress("6.6.6.6, 203.0.113.9", "127.0.0.1", one)).toBe("203.0.113.9");
    expect(resolveClientAddress("203.0.113.9", "127.0.0.1", one)).toBe("203.0.113.9");
    // No header from the proxy: the peer is all we know.
    expect(resolveClientAddress("", "127.0.0.1", one)).toBe("127.0.0.1");
    const two = { hops: 2, proxies: [] };
    expect(resolveClientAddress("6.6.6.6, 198.51.100.1, 10.0.0.2", "127.0.0.1", two)).toBe("198.51.100.1");
  });

  it("with a proxy list, trusts X-Forwarded-For only from those proxies", () => {
    const listed = { hops: 1, proxies: ["10.0.0.5"] };
    expect(resolveClientAddress("6.6.6.6", "203.0.113.9", listed)).toBe("203.0.113.9");
    expect(resolveClientAddress("198.51.100.7", "10.0.0.5", listed)).toBe("198.51.100.7");
  });

  it("reads its settings from the environment", () => {
    expect(proxyTrustFromEnv({})).toEqual({ hops: 0, proxies: [] });
    expect(proxyTrustFromEnv({ TRUSTED_PROXY_HOPS: "1", TRUSTED_PROXIES: "127.0.0.1, ::ffff:10.0.0.1" })).toEqual({
      hops: 1,
      proxies: ["127.0.0.1", "10.0.0.1"],
    });
    expect(proxyTrustFromEnv({ TRUSTED_PROXY_HOPS: "-1" }).hops).toBe(0);
  });
});

describe("clientAddress", () => {
  it("reads only the header the server set, never X-Forwarded-For", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "1.2.3.4" }))).toBe("unknown");
    expect(clientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: "10.0.0.9" }))).toBe("10.0.0.9");
  });
});
