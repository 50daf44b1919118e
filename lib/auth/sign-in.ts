import "server-only";
import { getDb } from "@/db/client";
import { clientAddress } from "@/lib/net/client-address";
import { envNumber, hit, pruneLimits, refund, type Limit } from "@/lib/net/limiter";
import { verifyPassword } from "@/lib/auth/credentials";
import { openSession } from "@/lib/auth/sessions";

/**
 * Sign-in attempts that did not succeed, per account and per client address, in PostgreSQL so that every
 * server process and every path (the form's action, Auth.js's callback URL) shares them. A successful
 * sign-in is refunded, so only guesses count. While either limit is reached even the right password is
 * refused; the window passes by itself.
 */
export const loginLimits = {
  account: (): Limit => ({ bucket: "login:account", limit: envNumber("LOGIN_ATTEMPTS_PER_ACCOUNT", 10), windowSeconds: envNumber("LOGIN_WINDOW_SECONDS", 900) }),
  address: (): Limit => ({ bucket: "login:address", limit: envNumber("LOGIN_ATTEMPTS_PER_ADDRESS", 50), windowSeconds: envNumber("LOGIN_WINDOW_SECONDS", 900) }),
};

export type SignInOutcome = { ok: true; userId: number; sessionId: string } | { ok: false; reason: "invalid" | "throttled" };

/** `a•••@demo.local`: enough to follow an attack in the log, not a list of accounts. */
function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}•••@${domain}`;
}

/** Checks the limits, then the password; opens a session on success. Logs one line per refusal. */
export async function attemptSignIn(email: string, password: string, headers: Pick<Headers, "get">): Promise<SignInOutcome> {
  const db = await getDb();
  const address = clientAddress(headers);
  const account = email.toLowerCase();
  const [byAccount, byAddress] = [loginLimits.account(), loginLimits.address()];
  const [a, b] = await Promise.all([hit(db, byAccount, account), hit(db, byAddress, address)]);
  // Guessed accounts each leave a row; now and then forget windows long past so the table stays small.
  if (Math.random() < 0.001) void pruneLimits(db).catch(() => {});
  if (!a.ok || !b.ok) {
    console.warn(`sign-in throttled: ${maskEmail(account)} from ${address} (${!a.ok ? "account" : "address"} limit)`);
    return { ok: false, reason: "throttled" };
  }
  const userId = await verifyPassword(account, password);
  if (userId === null) {
    console.warn(`sign-in failed: ${maskEmail(account)} from ${address}`);
    return { ok: false, reason: "invalid" };
  }
  await Promise.all([refund(db, byAccount, account), refund(db, byAddress, address)]);
  return { ok: true, userId, sessionId: await openSession(db, userId) };
}
