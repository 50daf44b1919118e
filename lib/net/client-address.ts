/**
 * The client's address, decided once per request from the socket, never from what the client wrote.
 *
 * Behind `next start` a client's own `X-Forwarded-For` reaches the app unchanged (Next only fills it in when
 * it is missing), so it cannot be trusted as such. `instrumentation.ts` sees every request's socket and
 * stores the resolved address in CLIENT_ADDRESS_HEADER, overwriting anything a client sent under that name.
 * Every limiter (sign-in, verify, disown, the API) reads it through `clientAddress()`.
 */
export const CLIENT_ADDRESS_HEADER = "x-sadasyata-client-address";

export interface ProxyTrust {
  /** How many proxies in front of the app append to X-Forwarded-For (TRUSTED_PROXY_HOPS, default 0). */
  hops: number;
  /** Optional: addresses of those proxies (TRUSTED_PROXIES); a hop is trusted only when it comes from one. */
  proxies: readonly string[];
}

export function proxyTrustFromEnv(env: Record<string, string | undefined> = process.env): ProxyTrust {
  const hops = Number(env.TRUSTED_PROXY_HOPS ?? 0);
  return {
    hops: Number.isInteger(hops) && hops > 0 && hops < 10 ? hops : 0,
    proxies: (env.TRUSTED_PROXIES ?? "")
      .split(",")
      .map((s) => normalizeAddress(s.trim()))
      .filter(Boolean),
  };
}

/** `::ffff:127.0.0.1` → `127.0.0.1`; trims; lower-case (IPv6). */
export function normalizeAddress(addr: string | undefined | null): string {
  if (!addr) return "";
  const a = addr.trim().toLowerCase();
  return a.startsWith("::ffff:") && a.includes(".") ? a.slice(7) : a;
}

/**
 * The client's address: the socket's peer, unless the peer is a trusted proxy, in which case the entry it
 * appended to X-Forwarded-For, and so on for `hops` proxies. Entries a client wrote itself (further left)
 * are never used.
 */
export function resolveClientAddress(forwardedFor: string | undefined | null, peer: string | undefined | null, trust: ProxyTrust): string {
  let current = normalizeAddress(peer) || "unknown";
  if (trust.hops === 0) return current;
  const chain = (forwardedFor ?? "")
    .split(",")
    .map((s) => normalizeAddress(s))
    .filter(Boolean);
  for (let i = 0; i < trust.hops && chain.length > 0; i++) {
    if (trust.proxies.length > 0 && !trust.proxies.includes(current)) break;
    current = chain.pop()!;
  }
  return current;
}

/**
 * The address `instrumentation.ts` resolved for this request. Without it (a process that did not load the
 * instrumentation) every request shares one "unknown" address: limits then bind sooner, never later.
 */
export function clientAddress(headers: Pick<Headers, "get">): string {
  return headers.get(CLIENT_ADDRESS_HEADER) || "unknown";
}
