import Link from "next/link";
import { IssueToken, RevokeToken } from "@/components/members/token-forms";
import { formatDateTime, formatNumber } from "@/lib/format";
import { unitName, type Locale, type Translate } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";
import { TOKEN_FILTERS, type PostRow } from "@/lib/members/api/tokens";
import { maskPhone } from "@/lib/validation/mask";
import type { TokensPageData } from "@/lib/members/pages";

function postText(p: Omit<PostRow, "activeTokens">, t: Translate, locale: Locale): string {
  const unit =
    p.level === "booth"
      ? t("members.tokens.unit.booth", { code: `${p.boothCode ?? ""}${p.boothName ? ` · ${p.boothName}` : ""}` })
      : p.level === "block"
        ? t("members.tokens.unit.block", { name: unitName({ name: p.blockName ?? "", nameHi: p.blockNameHi }, locale) })
        : t("members.tokens.unit.district", { name: unitName({ name: p.districtName, nameHi: p.districtNameHi }, locale) });
  return `${t(`members.tokens.role.${p.role}`)}, ${unit}`;
}

/** /members/tokens: issue a token for a post, and list, filter and revoke the scope's tokens. */
export async function TokensView({ p, posts, tokens, canImport }: TokensPageData) {
  const { locale, t } = await getT();
  const { q, filter, revoked } = p;
  const n = (x: number) => formatNumber(x, locale);
  const href = (params: Record<string, string | number>) => {
    const u = new URLSearchParams({ ...(q ? { q } : {}), filter, ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) });
    return `/members/tokens?${u.toString()}`;
  };
  const th = "px-3 py-2 text-left font-semibold whitespace-nowrap";
  const td = "px-3 py-2 align-top";
  const issueLabels = {
    label: t("members.tokens.labelField"),
    placeholder: t("members.tokens.labelPlaceholder"),
    issue: t("members.tokens.issue"),
    issuing: t("members.tokens.issuing"),
    issued: "",
    copy: t("members.tokens.copy"),
    copied: t("members.tokens.copied"),
  };

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("members.tokens.title")}</h1>
        <p className="max-w-3xl text-muted">{t("members.tokens.intro")}</p>
        {canImport ? (
          <Link href="/members/import" className="inline-block text-sm font-semibold text-brand-700 underline">
            {t("members.tokens.toImport")}
          </Link>
        ) : null}
      </div>

      <section aria-labelledby="issue-heading" className="space-y-3">
        <h2 id="issue-heading" className="text-lg font-semibold">
          {t("members.tokens.issueHeading")}
        </h2>
        <form method="get" action="/members/tokens" className="flex max-w-xl flex-wrap items-end gap-2">
          <input type="hidden" name="filter" value={filter} />
          <label className="min-w-0 flex-1 text-sm font-semibold">
            {t("members.tokens.searchLabel")}
            <input
              name="q"
              defaultValue={q}
              maxLength={80}
              aria-describedby="post-search-hint"
              className="mt-1 block w-full rounded-md border border-stone-300 px-3 py-2 text-base font-normal"
            />
          </label>
          <button type="submit" className="rounded-md border border-stone-300 bg-white px-4 py-2 font-semibold hover:bg-stone-100">
            {t("members.tokens.search")}
          </button>
        </form>
        <p id="post-search-hint" className="text-sm text-muted">
          {t("members.tokens.searchHint")}
        </p>
        {posts.length === 0 ? (
          <p className="rounded-md border border-dashed border-stone-300 bg-white p-4 text-muted" data-testid="no-posts">
            {t("members.tokens.noPosts")}
          </p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
            <table className="min-w-full text-sm" data-testid="posts">
              <thead className="bg-stone-50">
                <tr>
                  <th scope="col" className={th}>{t("members.tokens.col.post")}</th>
                  <th scope="col" className={th}>{t("members.tokens.col.holder")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("members.tokens.col.activeTokens")}</th>
                  <th scope="col" className={th}>{t("members.tokens.issueHeading")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {posts.map((p) => (
                  <tr key={p.appointmentId}>
                    <td className={td}>{postText(p, t, locale)}</td>
                    <td className={td}>
                      <span className="font-semibold">{p.workerName}</span>
                      <br />
                      <span className="text-muted tabular-nums">{maskPhone(p.workerPhone)}</span>
                    </td>
                    <td className={`${td} text-right tabular-nums`}>{n(p.activeTokens)}</td>
                    <td className={td}>
                      <IssueToken appointmentId={p.appointmentId} labels={{ ...issueLabels, issued: t("members.tokens.issued", { name: p.workerName }) }} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="tokens-heading" className="space-y-3">
        <h2 id="tokens-heading" className="text-lg font-semibold">
          {t("members.tokens.listHeading")}
        </h2>
        <nav aria-label={t("members.tokens.col.status")} className="flex flex-wrap gap-2">
          {TOKEN_FILTERS.map((f) => (
            <Link
              key={f}
              href={href({ filter: f, page: 1 })}
              aria-current={f === filter ? "page" : undefined}
              className={`rounded-full border px-3 py-1 text-sm ${f === filter ? "border-brand-600 bg-brand-100 font-semibold text-brand-900" : "border-stone-300 bg-white"}`}
            >
              {t(`members.tokens.filter.${f}`)}
            </Link>
          ))}
        </nav>
        <div role="status" aria-live="polite">
          {revoked ? (
            <p className="rounded-md border border-green-200 bg-green-50 p-3 text-sm font-semibold text-ok" data-testid="revoked-banner">
              {t("members.tokens.revoked", { prefix: revoked })}
            </p>
          ) : null}
        </div>
        {tokens.rows.length === 0 ? (
          <p className="rounded-md border border-dashed border-stone-300 bg-white p-4 text-muted" data-testid="no-tokens">
            {t("members.tokens.none")}
          </p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
            <table className="min-w-full text-sm" data-testid="tokens">
              <thead className="bg-stone-50">
                <tr>
                  <th scope="col" className={th}>{t("members.tokens.col.token")}</th>
                  <th scope="col" className={th}>{t("members.tokens.col.holder")}</th>
                  <th scope="col" className={th}>{t("members.tokens.col.post")}</th>
                  <th scope="col" className={th}>{t("members.tokens.col.issued")}</th>
                  <th scope="col" className={th}>{t("members.tokens.col.lastUsed")}</th>
                  <th scope="col" className={th}>{t("members.tokens.col.status")}</th>
                  <th scope="col" className={th}>{t("members.tokens.col.action")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {tokens.rows.map((tk) => (
                  <tr key={tk.id} data-testid={`token-${tk.prefix}`}>
                    <td className={td}>
                      <code className="font-mono">{tk.prefix}…</code>
                      {tk.label ? <div className="text-muted">{tk.label}</div> : null}
                    </td>
                    <td className={`${td} font-semibold`}>{tk.workerName}</td>
                    <td className={td}>{postText(tk, t, locale)}</td>
                    <td className={`${td} whitespace-nowrap`}>
                      {formatDateTime(tk.createdAt, locale)}
                      {tk.createdByName ? <div className="text-muted">{t("members.tokens.by", { name: tk.createdByName })}</div> : null}
                    </td>
                    <td className={`${td} whitespace-nowrap`}>{tk.lastUsedAt ? formatDateTime(tk.lastUsedAt, locale) : t("members.tokens.never")}</td>
                    <td className={td}>
                      <span className={tk.status === "active" ? "font-semibold text-ok" : "text-muted"}>{t(`members.tokens.status.${tk.status}`)}</span>
                    </td>
                    <td className={td}>
                      {tk.status === "active" ? (
                        <RevokeToken
                          tokenId={tk.id}
                          doneHref={href({ page: tokens.page, revoked: tk.prefix })}
                          labels={{
                            revoke: t("members.tokens.revoke"),
                            confirm: t("members.tokens.revokeConfirm", { prefix: `${tk.prefix}…`, name: tk.workerName }),
                            yes: t("members.tokens.revokeYes"),
                            keep: t("members.tokens.keep"),
                          }}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav aria-label={t("members.tokens.listHeading")} className="flex flex-wrap items-center gap-3 text-sm">
          <span className="text-muted">{t("members.tokens.page", { page: n(tokens.page), pages: n(tokens.pages), total: n(tokens.total) })}</span>
          {tokens.page > 1 ? (
            <Link href={href({ page: tokens.page - 1 })} className="font-semibold text-brand-700 underline">
              {t("members.tokens.prev")}
            </Link>
          ) : null}
          {tokens.page < tokens.pages ? (
            <Link href={href({ page: tokens.page + 1 })} className="font-semibold text-brand-700 underline">
              {t("members.tokens.next")}
            </Link>
          ) : null}
        </nav>
      </section>
    </div>
  );
}
