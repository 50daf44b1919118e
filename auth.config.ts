import type { NextAuthConfig } from "next-auth";

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
  providers: [],
} satisfies NextAuthConfig;
