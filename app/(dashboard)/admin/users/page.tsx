import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActiveToggle } from "@/components/users/active-toggle";
import { NewUserForm } from "@/components/users/new-user-form";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import { createUser, setUserActive } from "@/lib/users/actions";
import { listUsers, scopeOptions } from "@/lib/users/queries";
import { ROLE_SCOPES } from "@/lib/users/schema";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const viewer = await requireViewer();
  const db = await getDb();
  const rows = await listUsers(db, viewer);
  if (!rows) notFound();
  const [{ t }, options] = await Promise.all([getT(), scopeOptions(db, viewer)]);
  const labels: Record<string, string> = {
    email: t("users.email"),
    name: t("users.name"),
    role: t("users.role"),
    scopeLevel: t("users.scopeLevel"),
    unit: t("users.unit"),
    password: t("users.password"),
    create: t("users.create"),
    "role.leadership": t("role.leadership"),
    "role.admin": t("role.admin"),
    "role.district_president": t("role.district_president"),
    "role.it_head": t("role.it_head"),
    "level.state": t("users.level.state"),
    "level.pc": t("users.level.pc"),
    "level.ac": t("users.level.ac"),
    "level.district": t("users.level.district"),
  };
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("users.title")}</h1>
        <p className="text-muted">{t("users.intro")}</p>
      </div>
      <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
        <table className="min-w-full text-sm" data-testid="users-table">
          <thead className="bg-stone-100 text-left">
            <tr>
              <th className="px-3 py-2">{t("users.email")}</th>
              <th className="px-3 py-2">{t("users.name")}</th>
              <th className="px-3 py-2">{t("users.role")}</th>
              <th className="px-3 py-2">{t("users.unit")}</th>
              <th className="px-3 py-2">{t("users.status")}</th>
              <th className="px-3 py-2" />
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id} className="border-t border-stone-100">
                <td className="px-3 py-2">{u.email}</td>
                <td className="px-3 py-2">{u.name}</td>
                <td className="px-3 py-2 whitespace-nowrap">{labels[`role.${u.role}`] ?? u.role}</td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {labels[`level.${u.scopeLevel}`]}
                  {u.scopeName ? ` · ${u.scopeName}` : ""}
                </td>
                <td className="px-3 py-2">{u.active ? t("users.active") : t("users.inactive")}</td>
                <td className="px-3 py-2">
                  {u.id === viewer.id ? null : (
                    <ActiveToggle
                      action={setUserActive}
                      userId={u.id}
                      active={u.active}
                      label={u.active ? t("users.deactivate") : t("users.activate")}
                      confirm={t("users.confirmDeactivate")}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="mb-3 text-lg font-semibold">{t("users.new")}</h2>
        <NewUserForm action={createUser} options={options} roleScopes={ROLE_SCOPES} labels={labels} />
      </section>
    </div>
  );
}
