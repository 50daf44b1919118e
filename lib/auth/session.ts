import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { sessionOfRequest } from "@/auth";
import { getDb } from "@/db/client";
import { databaseUnavailable, isConnectionFailure } from "@/db/failover";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";

/**
 * The signed-in, active viewer of this request, or null: the session cookie decrypted, then one query for the
 * user with their scope, on condition that the cookie's session is open and unexpired. Once per request.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await sessionOfRequest();
  if (!session) return null;
  try {
    return await loadViewer(await getDb(), session.userId, { sessionId: session.sessionId });
  } catch (err) {
    // Every page starts here: when no database node takes connections (a failover under way), the page says
    // so (its error boundary reads the digest) instead of "something went wrong".
    if (isConnectionFailure(err)) throw databaseUnavailable(err);
    throw err;
  }
});

/** For pages and actions: the viewer, or a redirect to /login (also for users deactivated since signing in). */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  return viewer;
}
