import type { NextAuthConfig } from "next-auth";

/** Paths reachable without signing in: the login page, public card verification and the machine APIs. */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === "/login" ||
    pathname.startsWith("/verify/") ||
    pathname.startsWith("/api/auth/") ||
    // The enrolment API authenticates with its own bearer tokens and answers 401 itself.
    pathname.startsWith("/api/v1/") ||
    // Membership cards check a signed link or the signed-in viewer's scope themselves.
    /^\/members\/[^/]+\/card(\.png)?$/.test(pathname) ||
    pathname === "/api/health"
  );
}

/**
 * The Auth.js configuration without the credentials provider (no database, no password hashing). Every page,
 * action and route handler checks the session, role and scope itself; proxy.ts only redirects.
 */
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  trustHost: true,
  providers: [],
  callbacks: {
    // The token carries only the user id; role, scope and `active` are re-read from the database per request.
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      delete token.name;
      delete token.email;
      delete token.picture;
      return token;
    },
    session({ session, token }) {
      return { ...session, user: { id: token.sub ?? "" } } as typeof session;
    },
  },
} satisfies NextAuthConfig;
