import "server-only";
import { notFound } from "next/navigation";
import { readDb } from "@/lib/reads";
import { requireViewer } from "@/lib/auth/session";
import { one, type SearchParams } from "@/lib/search-params";
import { listUsers, scopeOptions } from "@/lib/users/queries";

/** /admin/users: the state's users (404 for anyone but an administrator), the areas to offer, the open user. */
export async function usersPageData(searchParams: Promise<SearchParams>) {
  const viewer = await requireViewer();
  const db = await readDb();
  const rows = await listUsers(db, viewer);
  if (!rows) notFound();
  const [options, sp] = await Promise.all([scopeOptions(db, viewer), searchParams]);
  // The list holds only users of the administrator's state, so another state's id finds nothing here.
  const user = one(sp, "user");
  const managed = rows.find((u) => String(u.id) === user) ?? null;
  return { viewer, rows, options, managed };
}
export type UsersPageData = Awaited<ReturnType<typeof usersPageData>>;
