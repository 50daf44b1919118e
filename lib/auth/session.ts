import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { getDb } from "@/db/client";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";

/** The signed-in, active viewer of this request, or null. Read once per request from the database. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isInteger(id) || id <= 0) return null;
  return loadViewer(await getDb(), id);
});

/** For pages and actions: the viewer, or a redirect to /login (also for users deactivated since signing in). */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  return viewer;
}
