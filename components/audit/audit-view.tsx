import Link from "next/link";
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
      <div>
        <h1 className="text-2xl font-semibold">{t("audit.title")}</h1>
        <p className="text-muted">{t("audit.intro")}</p>
      </div>
      <form className="flex flex-wrap gap-2" role="search">
        <label htmlFor="audit-q" className="sr-only">
          {t("audit.search")}
        </label>
        <input
          id="audit-q"
          name="q"
          defaultValue={q}
          placeholder={t("audit.search")}
          className="min-w-0 flex-1 rounded-md border border-stone-300 px-3 py-2"
        />
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white">
          {t("audit.searchButton")}
        </button>
      </form>
      {result.rows.length === 0 ? (
        <p className="rounded-md border border-dashed border-stone-300 bg-white p-4 text-muted">{t("audit.empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
          <table className="min-w-full text-sm" data-testid="audit-table">
            <thead className="bg-stone-100 text-left">
              <tr>
                <th className="px-3 py-2">{t("audit.when")}</th>
                <th className="px-3 py-2">{t("audit.who")}</th>
                <th className="px-3 py-2">{t("audit.action")}</th>
                <th className="px-3 py-2">{t("audit.entity")}</th>
                <th className="px-3 py-2">{t("audit.change")}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.id} className="border-t border-stone-100 align-top">
                  <td className="px-3 py-2 whitespace-nowrap tabular-nums">{formatDateTime(r.at, "en", { seconds: true })}</td>
                  <td className="px-3 py-2">{r.actor}</td>
                  <td className="px-3 py-2 font-mono text-xs">{r.action}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {r.entityType}
                    {r.entityId ? ` #${r.entityId}` : ""}
                  </td>
                  <td className="max-w-md px-3 py-2 font-mono text-xs break-all text-muted">{summary(r.before, r.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
