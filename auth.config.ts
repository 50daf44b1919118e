import type { NextAuthConfig } from "next-auth";

/**
 * Auth.js's session cookie: `__Secure-`-prefixed over HTTPS, and split into `.0`, `.1`… when large. Each name is
 * also the salt its token is encrypted with. The proxy checks that one is there; `sessionOfRequest` (auth.ts)
 * decrypts the one this deployment uses (`sessionCookieName`).
 */
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/**
 * Secure cookies (the `__Secure-` name, the Secure flag) when the public address is https (PUBLIC_URL): pinned for
 * the deployment rather than guessed per request, so sign-in writes and every page reads one and the same name,
 * and a stale or planted cookie of the other name is never read instead (after a sign-out, say).
 */
export function secureSessionCookies(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^https:\/\//i.test(env.PUBLIC_URL?.trim() ?? "");
}

export function sessionCookieName(env: NodeJS.ProcessEnv = process.env): (typeof SESSION_COOKIES)[number] {
  return secureSessionCookies(env) ? SESSION_COOKIES[0] : SESSION_COOKIES[1];
}

/** The value of session cookie `name` among `cookies`, joined from its chunks when Auth.js split it; or null. */
export function sessionCookieValue(cookies: readonly { name: string; value: string }[], name: string): string | null {
  const whole = cookies.find((c) => c.name === name);
  if (whole) return whole.value;
  const chunks = cookies
    .map((c) => ({ n: c.name.startsWith(`${name}.`) ? c.name.slice(name.length + 1) : "", value: c.value }))
    .filter((c) => /^[0-9]{1,3}$/.test(c.n))
    .sort((a, b) => Number(a.n) - Number(b.n));
  return chunks.length ? chunks.map((c) => c.value).join("") : null;
}

/** Paths reachable without signing in: the login page, public card verification and the machine APIs. */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === "/login" ||
    pathname === "/verify" ||
    pathname.startsWith("/verify/") ||
    // "I did not join" and "Was I enrolled?" (plain forms on the verify pages; rate-limited per address).
    pathname === "/api/verify/disown" ||
    pathname === "/api/verify/enrolled" ||
    pathname.startsWith("/api/auth/") ||
    // The enrolment API authenticates with its own bearer tokens and answers 401 itself.
    pathname.startsWith("/api/v1/") ||
    // Membership cards check a signed link or the signed-in viewer's scope themselves.
    /^\/members\/[^/]+\/card(\.png)?$/.test(pathname) ||
    pathname === "/api/health" ||
    // The app icon (app/icon.svg): the login page shows it to people who are not signed in yet.
    pathname === "/icon.svg"
  );
}

/**
 * The Auth.js configuration without the credentials provider and callbacks (no database): `auth.ts` adds
 * them. Every page, action and route handler checks the session, role and scope itself; proxy.ts only
 * redirects.
 */
export const authConfig = {
  pages: { signIn: "/login" },
  trustHost: true,
  useSecureCookies: secureSessionCookies(),
  providers: [],
} satisfies NextAuthConfig;
