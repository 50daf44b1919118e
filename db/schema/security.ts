import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "@/db/schema/users";

/**
 * One row per sign-in. The session cookie (a JWT) carries only the row's id and the user id; every request
 * checks the row is still open, so ending a session on the server ends it everywhere at once. Rows are
 * ended, never deleted while they could still be presented (they expire with the cookie's lifetime).
 */
export const sessions = pgTable(
  "sessions",
  {
    /** Random, unguessable (base64url of 24 bytes). */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    /** sign_out, deactivated, password, role_scope, everywhere */
    endReason: text("end_reason"),
  },
  (t) => [
    index("sessions_user_open_idx").on(t.userId).where(sql`${t.endedAt} IS NULL`),
    check("sessions_end_reason", sql`(${t.endedAt} IS NULL) = (${t.endReason} IS NULL)`),
    check("sessions_id_length", sql`length(${t.id}) BETWEEN 20 AND 64`),
  ],
);

/**
 * Fixed-window hit counters shared by every server process (sign-in, verify, disown, API): one row per
 * (bucket, key), reset in place when its window has passed. Keys are an account or a client address,
 * never a password.
 */
export const rateLimitHits = pgTable(
  "rate_limit_hits",
  {
    bucket: text("bucket").notNull(),
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.bucket, t.key] }),
    index("rate_limit_hits_window_idx").on(t.windowStart),
    check("rate_limit_hits_not_negative", sql`${t.hits} >= 0`),
  ],
);

export type Session = typeof sessions.$inferSelect;
