import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { endSession, SESSION_SECONDS, sessionIsLive } from "@/lib/auth/sessions";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { authConfig } from "@/auth.config";

const Login = z.object({ email: z.string().trim().toLowerCase().email().max(200), password: z.string().min(1).max(200) });

/** One message for a wrong email and a wrong password alike: the form must not tell which part was wrong. */
class InvalidLogin extends CredentialsSignin {
  code = "invalid_login";
}
/** Too many attempts for this account or address: refused before the password is looked at. */
class ThrottledLogin extends CredentialsSignin {
  code = "throttled";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  session: { strategy: "jwt", maxAge: SESSION_SECONDS },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      // Every way to sign in (the form's action and POST /api/auth/callback/credentials) passes through here.
      async authorize(raw, request) {
        const parsed = Login.safeParse(raw);
        if (!parsed.success) throw new InvalidLogin();
        const outcome = await attemptSignIn(parsed.data.email, parsed.data.password, request.headers);
        if (!outcome.ok) throw outcome.reason === "throttled" ? new ThrottledLogin() : new InvalidLogin();
        return { id: String(outcome.userId), sid: outcome.sessionId } as { id: string };
      },
    }),
  ],
  callbacks: {
    // The cookie carries the user id and the server-side session's id. A session ended on the server (sign
    // out, deactivation, password or scope change, "sign out everywhere") makes the cookie worthless at once:
    // returning null here also stops /api/auth/session from re-issuing it.
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sid = (user as { sid?: string }).sid;
      } else if (typeof token.sid !== "string" || !(await sessionIsLive(await getDb(), token.sid, Number(token.sub)))) {
        return null;
      }
      delete token.name;
      delete token.email;
      delete token.picture;
      return token;
    },
    session({ session, token }) {
      // Only the user id leaves the server: the session id stays inside the encrypted cookie.
      return { ...session, user: { id: token.sub ?? "" } } as unknown as typeof session;
    },
  },
  events: {
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await endSession(await getDb(), sid, "sign_out");
    },
  },
  logger: {
    // A refused sign-in is logged once, by attemptSignIn, without a stack; other Auth.js errors in one line.
    error(error) {
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
    warn(code) {
      console.warn(`[auth] warning: ${code}`);
    },
  },
});
