import bcrypt from "bcryptjs";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";

// Compared against when the email is unknown, so both failures take the same time.
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.0b1Ud5p0v0M0Yw7rJ1mB0Xv7hHq2";

/** The user's id when the email and password match an active user, else null. */
export async function verifyPassword(email: string, password: string): Promise<number | null> {
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, hash: users.passwordHash, active: users.active })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    .limit(1);
  const ok = await bcrypt.compare(password, user?.hash ?? DUMMY_HASH);
  return ok && user?.active ? user.id : null;
}

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 10);
}
