import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { Table, Td, tdCls, Th } from "@/components/ui/table";
import { ActiveToggle } from "@/components/users/active-toggle";
import { ConfirmedUserAction, EditScopeForm } from "@/components/users/manage-user";
import { NewUserForm } from "@/components/users/new-user-form";
import { unitName } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";
import { createUser, resetUserPassword, setUserActive, signUserOutEverywhere, updateUserScope } from "@/lib/users/actions";
import { ROLE_SCOPES } from "@/lib/users/schema";
import type { UsersPageData } from "@/lib/users/pages";

/** /admin/users: the state's users, a form for a new one, and the open user's role, area and account actions. */
export async function UsersView({ viewer, rows, options: unitOptions, managed }: UsersPageData) {
  const { locale, t } = await getT();
  // Area names in the reader's language, in the table and in the forms' lists alike.
  const named = (list: { value: string; label: string; labelHi: string | null }[]) =>
    list.map((o) => ({ value: o.value, label: unitName({ name: o.label, nameHi: o.labelHi }, locale) }));
  const options = { district: named(unitOptions.district), pc: named(unitOptions.pc), ac: named(unitOptions.ac) };
  const labels: Record<string, string> = {
    email: t("users.email"),
    name: t("users.name"),
    role: t("users.role"),
    scopeLevel: t("users.scopeLevel"),
    unit: t("users.unit"),
    chooseUnit: t("users.chooseUnit"),
    save: t("users.save"),
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
      <PageHeader title={t("users.title")}>
        <p className="text-muted">{t("users.intro")}</p>
      </PageHeader>
      <Table
        cards
        testId="users-table"
        head={
          <tr>
            {(["email", "name", "role", "unit", "status", "actions"] as const).map((c) => (
              <Th key={c}>{t(`users.${c}`)}</Th>
            ))}
          </tr>
        }
      >
        {rows.map((u) => (
          <tr key={u.id}>
            <td className={`${tdCls} break-all`}>{u.email}</td>
            <Td label={t("users.name")}>{u.name}</Td>
            <Td label={t("users.role")} className="sm:whitespace-nowrap">
              {labels[`role.${u.role}`] ?? u.role}
            </Td>
            <Td label={t("users.unit")} className="sm:whitespace-nowrap">
              {labels[`level.${u.scopeLevel}`]}
              {u.scopeName ? ` · ${unitName({ name: u.scopeName, nameHi: u.scopeNameHi }, locale)}` : ""}
            </Td>
            <Td label={t("users.status")}>{u.active ? t("users.active") : t("users.inactive")}</Td>
            <td className={tdCls}>
              <div className="flex flex-wrap items-center gap-2">
                <Link
                  href={`/admin/users?user=${u.id}#manage`}
                  aria-label={`${t("users.manage")} ${u.email}`}
                  className={buttonClass("secondary", "xs")}
                >
                  {t("users.manage")}
                </Link>
                {u.id === viewer.id ? null : (
                  <ActiveToggle
                    action={setUserActive}
                    userId={u.id}
                    active={u.active}
                    label={u.active ? t("users.deactivate") : t("users.activate")}
                    confirm={t("users.confirmDeactivate")}
                  />
                )}
              </div>
            </td>
          </tr>
        ))}
      </Table>
      {managed ? (
        <section id="manage" aria-labelledby="manage-title" className="space-y-5 rounded-lg border border-brand-600 bg-white p-4">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="manage-title" className="text-lg font-semibold break-all">{t("users.manageTitle", { email: managed.email })}</h2>
            <Link href="/admin/users" className="text-sm underline">{t("users.close")}</Link>
          </div>
          <div>
            <h3 className="mb-2 font-semibold">{t("users.editTitle")}</h3>
            <EditScopeForm
              // Per user only: after a save the fields already hold the saved values, and remounting would
              // drop the confirmation message.
              key={managed.id}
              action={updateUserScope}
              userId={managed.id}
              options={options}
              roleScopes={ROLE_SCOPES}
              labels={labels}
              current={{ role: managed.role, level: managed.scopeLevel, unit: managed.unitValue ?? "" }}
            />
          </div>
          <div className="grid gap-5 sm:grid-cols-2">
            <div>
              <h3 className="font-semibold">{t("users.resetTitle")}</h3>
              <p className="mb-2 text-sm text-muted">{t("users.resetIntro")}</p>
              <ConfirmedUserAction
                action={resetUserPassword}
                userId={managed.id}
                label={t("users.reset")}
                confirm={t("users.confirmReset")}
                passwordLabel={t("users.temporaryPassword")}
              />
            </div>
            <div>
              <h3 className="font-semibold">{t("users.signOutTitle")}</h3>
              <p className="mb-2 text-sm text-muted">{t("users.signOutIntro")}</p>
              <ConfirmedUserAction action={signUserOutEverywhere} userId={managed.id} label={t("users.signOutEverywhere")} confirm={t("users.confirmSignOut")} />
            </div>
          </div>
        </section>
      ) : null}
      <Section boxed headingId="new-user-title" title={t("users.new")} className="space-y-3">
        <NewUserForm action={createUser} options={options} roleScopes={ROLE_SCOPES} labels={labels} />
      </Section>
    </div>
  );
}
