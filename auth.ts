import NextAuth, { CredentialsSignin } from "next-auth";
import { decode } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db/client";
import { endSession, SESSION_SECONDS, sessionIsLive } from "@/lib/auth/sessions";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { authConfig, sessionCookieName, sessionCookieValue } from "@/auth.config";

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

/**
 * This request's session as its cookie states it: the user's and the session's ids, or null (no cookie, a
 * token that does not decrypt or has expired). Whether that session is still open and its user active is the
 * caller's question (`loadViewer` asks it in the same query as the user).
 *
 * This is Auth.js's own `decode`, with the cookie name as salt, as `auth()` does it, minus the rest of `auth()`'s
 * round: a new token encrypted, and an internal session request built and answered, on every page. A server
 * component cannot set that re-issued cookie anyway, and a session lasts SESSION_SECONDS from sign-in whatever
 * the activity, so nothing is lost (measured: auth() was about a tenth of the overview's server time under load).
 */
export async function sessionOfRequest(): Promise<{ userId: number; sessionId: string } | null> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) return null;
  const name = sessionCookieName();
  const token = sessionCookieValue((await cookies()).getAll(), name);
  if (!token) return null;
  const known = decoded.get(token);
  if (known && known.expiresMs > Date.now()) return { userId: known.userId, sessionId: known.sessionId };
  const payload = await decode({ token, secret, salt: name }).catch(() => null);
  const userId = Number(payload?.sub);
  if (!Number.isInteger(userId) || userId <= 0 || typeof payload?.sid !== "string") return null;
  remember(token, { userId, sessionId: payload.sid, expiresMs: Number(payload.exp) * 1000 });
  return { userId, sessionId: payload.sid };
}

/**
 * Tokens this process has decrypted (a token is a few hundred bytes; decrypting one, with its key derivation,
 * was about a twentieth of a page's server time): the same cookie decrypts to the same ids until it expires.
 * Only tokens that decrypted are kept, at most DECODED_MAX (oldest dropped first). An optimisation of this
 * process only: whether the session is still open is read from the database on every request all the same.
 */
const DECODED_MAX = 5_000;
type Decoded = { userId: number; sessionId: string; expiresMs: number };
const decoded = new Map<string, Decoded>();
function remember(token: string, entry: Decoded) {
  if (!Number.isFinite(entry.expiresMs)) return;
  if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
  decoded.set(token, entry);
}
