import { randomBytes } from "node:crypto";
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";
import { sessions, users } from "@/db/schema";

/** How long a sign-in lasts at most, whatever the activity (the cookie's lifetime too). */
export const SESSION_SECONDS = 12 * 60 * 60;

export type SessionEndReason = "sign_out" | "deactivated" | "password" | "role_scope" | "everywhere";

/** Opens a session for a user who just proved their password; its id goes into the cookie. */
export async function openSession(db: DbOrTx, userId: number): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await db.insert(sessions).values({ id, userId, expiresAt: sql`now() + make_interval(secs => ${SESSION_SECONDS})` });
  return id;
}

/** Ends one session (signing out on this device). */
export async function endSession(db: DbOrTx, sessionId: string, reason: SessionEndReason = "sign_out"): Promise<void> {
  await db
    .update(sessions)
    .set({ endedAt: sql`now()`, endReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

/**
 * Ends every open session of a user at once: deactivation, a password change or reset, a role or scope
 * change, "sign out everywhere". Call it in the transaction that makes the change. Ended sessions never
 * come back (reactivating a user does not reopen them).
 */
export async function endUserSessions(db: DbOrTx, userId: number, reason: SessionEndReason): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ endedAt: sql`now()`, endReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}

/** A condition on a query of `users`: session `sessionId` is this user's, open and unexpired. */
export function liveSession(sessionId: string, userId: number): SQL {
  return sql`EXISTS (SELECT 1 FROM ${sessions} s WHERE s.id = ${sessionId} AND s.user_id = ${userId}
                     AND s.user_id = ${users.id} AND s.ended_at IS NULL AND s.expires_at > now())`;
}

/** Is this session open, unexpired, and its user's, and the user active? */
export async function sessionIsLive(db: DbOrTx, sessionId: string, userId: number): Promise<boolean> {
  const rows = await queryRows(db, sql`SELECT 1 FROM ${users} WHERE ${users.id} = ${userId} AND ${users.active} AND ${liveSession(sessionId, userId)}`);
  return rows.length > 0;
}
