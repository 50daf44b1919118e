import Link from "next/link";
import { buttonCls } from "@/components/ui/button";
import { EmptyNote } from "@/components/ui/empty-note";
import { Field } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Table, tdCls, Th } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { getT } from "@/lib/i18n/server";
import type { AuditPageData } from "@/lib/audit/pages";

function summary(before: unknown, after: unknown): string {
  const show = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v));
  const text = [show(before), show(after)].filter(Boolean).join(" → ");
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/** /audit: every change, reveal and export, newest first, searchable, a page at a time. */
export async function AuditView({ q, beforeId, result }: AuditPageData) {
  const { t } = await getT();
  return (
    <div className="space-y-4">
      <PageHeader title={t("audit.title")}>
        <p className="text-muted">{t("audit.intro")}</p>
      </PageHeader>
      <form className="flex flex-wrap items-start gap-2" role="search">
        <Field
          id="audit-q"
          name="q"
          label={t("audit.search")}
          labelHidden
          defaultValue={q}
          placeholder={t("audit.search")}
          frameClassName="min-w-0 flex-1"
        />
        <button type="submit" className={buttonCls}>
          {t("audit.searchButton")}
        </button>
      </form>
      {result.rows.length === 0 ? (
        <EmptyNote>{t("audit.empty")}</EmptyNote>
      ) : (
        <Table
          testId="audit-table"
          head={
            <tr>
              {(["when", "who", "action", "entity", "change"] as const).map((c) => (
                <Th key={c}>{t(`audit.${c}`)}</Th>
              ))}
            </tr>
          }
        >
          {result.rows.map((r) => (
            <tr key={r.id}>
              <td className={`${tdCls} whitespace-nowrap tabular-nums`}>{formatDateTime(r.at, "en", { seconds: true })}</td>
              <td className={tdCls}>{r.actor}</td>
              <td className={`${tdCls} font-mono text-xs`}>{r.action}</td>
              <td className={`${tdCls} whitespace-nowrap`}>
                {r.entityType}
                {r.entityId ? ` #${r.entityId}` : ""}
              </td>
              <td className={`${tdCls} max-w-md font-mono text-xs break-all text-muted`}>{summary(r.before, r.after)}</td>
            </tr>
          ))}
        </Table>
      )}
      <nav className="flex gap-4 text-sm font-semibold text-brand-700">
        {beforeId ? <Link href={{ pathname: "/audit", query: q ? { q } : {} }}>{t("audit.newest")}</Link> : null}
        {result.nextBefore ? (
          <Link href={{ pathname: "/audit", query: { ...(q ? { q } : {}), before: String(result.nextBefore) } }}>{t("audit.older")} →</Link>
        ) : null}
      </nav>
    </div>
  );
}
