/**
 * Users of e2e/sessions.spec.ts, seeded by e2e/serve.ts: one per way a session ends, so that the specs can
 * run in parallel without ending each other's sessions, and one whose account the throttle test locks.
 */
import bcrypt from "bcryptjs";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { DEMO_PASSWORD, STATE_ID } from "@/lib/seed";

export const SESSION_USERS = {
  signOut: "session-signout@demo.local",
  deactivate: "session-deactivate@demo.local",
  scope: "session-scope@demo.local",
  reset: "session-reset@demo.local",
  everywhere: "session-everywhere@demo.local",
  throttled: "session-throttled@demo.local",
  shared: "session-shared@demo.local",
} as const;

export async function seedSessionUsers(db: Db): Promise<void> {
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
  await db.insert(users).values(
    Object.entries(SESSION_USERS).map(([key, email]) => ({
      email,
      name: `Session test (${key})`,
      passwordHash,
      role: "leadership",
      stateId: STATE_ID,
      scopeLevel: "state",
    })),
  );
}
