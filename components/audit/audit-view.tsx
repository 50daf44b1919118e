import Link from "next/link";
import { buttonClass, buttonCls, linkCls } from "@/components/ui/button";
import { EmptyNote } from "@/components/ui/empty-note";
import { Field, SelectField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { actionLabel, describeEvent } from "@/lib/audit/describe";
import type { AuditPageData } from "@/lib/audit/pages";
import type { AuditRow } from "@/lib/audit/queries";
import { auditQuery, hasFilters } from "@/lib/audit/search-params";
import { formatDateTime, formatNumber } from "@/lib/format";
import { unitName, type Translate } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";

/** Who acted, in words: a user by name (email below), else what the event's label says it was. */
function actorText(t: Translate, r: AuditRow): { name: string; detail: string | null } {
  if (r.actorName) return { name: r.actorName, detail: r.actorEmail };
  const label = r.actorLabel ?? "";
  if (label === "seed") return { name: t("audit.actor.seed"), detail: null };
  if (label === "import-cli") return { name: t("audit.actor.importCli"), detail: null };
  if (label === "public:verify") return { name: t("audit.actor.public"), detail: null };
  const token = /^api:token:([0-9]+)$/.exec(label);
  if (token) return { name: t("audit.actor.token", { id: token[1]! }), detail: null };
  return { name: t("audit.actor.system"), detail: label || null };
}

/**
 * /audit: every change, view of personal data and download, newest first, in words in the reader's language:
 * the action named, what it was done to, and the change as "field: old → new". Filters (who, action,
 * district, days) live in the URL and are applied by the server; a page at a time, older by a link.
 */
export async function AuditView({ p, actors, districts, badDates, result }: AuditPageData) {
  const { locale, t } = await getT();
  const filtered = hasFilters(p);
  const actions = AUDIT_ACTIONS.map((a) => ({ id: a, label: actionLabel(t, a) })).sort((a, b) => a.label.localeCompare(b.label, locale === "hi" ? "hi" : "en"));
  const col = { when: t("audit.col.when"), who: t("audit.col.who"), action: t("audit.col.action"), what: t("audit.col.what"), change: t("audit.col.change") };
  const href = (before?: number) => {
    const q = new URLSearchParams(auditQuery(p, { before }));
    return q.size ? `/audit?${q.toString()}` : "/audit";
  };

  return (
    <div className="space-y-4">
      <PageHeader title={t("audit.title")}>
        <p className="text-muted">{t("audit.intro")}</p>
      </PageHeader>

      <form method="get" action="/audit" role="search" aria-label={t("audit.filters")} className="rounded-lg border border-stone-200 bg-white p-3" data-testid="audit-filters">
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
          <SelectField id="audit-actor" name="actor" label={t("audit.filter.actor")} defaultValue={p.actor === undefined ? "" : String(p.actor)}>
            <option value="">{t("audit.filter.anyActor")}</option>
            <option value="system">{t("audit.filter.system")}</option>
            {actors.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {a.name} ({a.email})
              </option>
            ))}
          </SelectField>
          <SelectField id="audit-action" name="action" label={t("audit.filter.action")} defaultValue={p.action ?? ""}>
            <option value="">{t("audit.filter.anyAction")}</option>
            {actions.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </SelectField>
          <SelectField id="audit-district" name="district" label={t("audit.filter.district")} hint={t("audit.filter.districtNote")} defaultValue={p.district ?? ""}>
            <option value="">{t("audit.filter.anyDistrict")}</option>
            {districts.map((d) => (
              <option key={d.key} value={d.key}>
                {unitName(d, locale)}
              </option>
            ))}
          </SelectField>
          <Field id="audit-from" name="from" type="date" label={t("audit.filter.from")} defaultValue={p.from} />
          <Field id="audit-to" name="to" type="date" label={t("audit.filter.to")} defaultValue={p.to} />
        </div>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <button type="submit" className={buttonCls}>
            {t("audit.filter.apply")}
          </button>
          {filtered ? (
            <Link href="/audit" className={`${linkCls} inline-flex min-h-11 items-center`}>
              {t("audit.filter.clear")}
            </Link>
          ) : null}
        </div>
      </form>

      {badDates ? (
        <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-warn" data-testid="audit-bad-dates">
          {t("audit.filter.badDates")}
        </p>
      ) : null}

      {result.rows.length === 0 ? (
        <EmptyNote testId="audit-empty">{filtered ? t("audit.emptyFiltered") : t("audit.empty")}</EmptyNote>
      ) : (
        <Table
          cards
          label={t("audit.title")}
          caption={t("audit.title")}
          testId="audit-table"
          head={
            <tr>
              <Th>{col.when}</Th>
              <Th>{col.who}</Th>
              <Th>{col.action}</Th>
              <Th>{col.what}</Th>
              <Th>{col.change}</Th>
            </tr>
          }
        >
          {result.rows.map((r) => {
            const d = describeEvent(t, locale, r);
            const who = actorText(t, r);
            return (
              <tr key={r.id} data-testid="audit-row" data-action={r.action}>
                <Td label={col.when} className="whitespace-nowrap tabular-nums">
                  {formatDateTime(r.at, locale, { seconds: true })}
                </Td>
                <Td label={col.who}>
                  <span className="block">{who.name}</span>
                  {who.detail ? <span className="block text-xs break-all text-muted">{who.detail}</span> : null}
                </Td>
                <Td label={col.action} className="font-semibold" data-testid="audit-action">
                  {d.action}
                </Td>
                <Td label={col.what} className="break-words">
                  {d.subject}
                </Td>
                <Td label={col.change} className="min-w-48">
                  {d.changes.length === 0 ? (
                    <span className="text-muted">{t("audit.noChange")}</span>
                  ) : (
                    <ul className="space-y-0.5" data-testid="audit-change">
                      {d.changes.map((c) => (
                        <li key={c.field} className="break-words">
                          <span className="text-muted">{c.field}:</span>{" "}
                          {c.before !== undefined ? (
                            <>
                              <del className="text-muted no-underline">{c.before}</del> <span aria-hidden="true">→</span>{" "}
                            </>
                          ) : null}
                          {c.after !== undefined ? <ins className="no-underline">{c.after}</ins> : c.before !== undefined ? "—" : null}
                        </li>
                      ))}
                    </ul>
                  )}
                </Td>
              </tr>
            );
          })}
        </Table>
      )}

      <nav aria-label={t("audit.page.label")} className="flex flex-wrap items-center gap-3 text-sm">
        {p.before ? (
          <Link href={href()} className={buttonClass("secondary", "sm")}>
            <span aria-hidden="true">←&nbsp;</span>
            {t("audit.page.newest")}
          </Link>
        ) : null}
        {result.rows.length > 0 ? <span className="text-muted">{t("audit.page.status", { count: formatNumber(result.rows.length, locale) })}</span> : null}
        {result.nextBefore ? (
          <Link href={href(result.nextBefore)} className={buttonClass("secondary", "sm")} rel="next" data-testid="audit-older">
            {t("audit.page.older")}
            <span aria-hidden="true">&nbsp;→</span>
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
