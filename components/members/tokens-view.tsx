import Link from "next/link";
import { IssueToken, RevokeToken } from "@/components/members/token-forms";
import { buttonClass, linkCls } from "@/components/ui/button";
import { EmptyNote } from "@/components/ui/empty-note";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { Pager } from "@/components/ui/pager";
import { Field } from "@/components/ui/field";
import { Table, Td, tdCls, Th } from "@/components/ui/table";
import { formatDateTime, formatNumber } from "@/lib/format";
import { unitName, type Locale, type Translate } from "@/lib/i18n";
import { ISSUE_TOKEN_KEYS, REVOKE_TOKEN_KEYS } from "@/lib/i18n/labels/members";
import { pick } from "@/lib/i18n/pick";
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
  const issueLabels = pick(t, ISSUE_TOKEN_KEYS);
  const revokeLabels = pick(t, REVOKE_TOKEN_KEYS);

  return (
    <div className="space-y-8">
      <PageHeader title={t("members.tokens.title")} className="space-y-2">
        <p className="max-w-3xl text-muted">{t("members.tokens.intro")}</p>
        {canImport ? (
          <Link href="/members/import" className={`inline-block text-sm ${linkCls}`}>
            {t("members.tokens.toImport")}
          </Link>
        ) : null}
      </PageHeader>

      <Section headingId="issue-heading" title={t("members.tokens.issueHeading")} className="space-y-3">
        <form method="get" action="/members/tokens" className="flex max-w-xl flex-wrap items-end gap-2">
          <input type="hidden" name="filter" value={filter} />
          <Field id="post-search" name="q" label={t("members.tokens.searchLabel")} defaultValue={q} maxLength={80} describedBy="post-search-hint" frameClassName="min-w-0 flex-1" />
          <button type="submit" className={buttonClass("secondary")}>
            {t("members.tokens.search")}
          </button>
        </form>
        <p id="post-search-hint" className="text-sm text-muted">
          {t("members.tokens.searchHint")}
        </p>
        {posts.length === 0 ? (
          <EmptyNote testId="no-posts">{t("members.tokens.noPosts")}</EmptyNote>
        ) : (
          <Table
            cards
            testId="posts"
            head={
              <tr>
                <Th>{t("members.tokens.col.post")}</Th>
                <Th>{t("members.tokens.col.holder")}</Th>
                <Th numeric>{t("members.tokens.col.activeTokens")}</Th>
                <Th>{t("members.tokens.issueHeading")}</Th>
              </tr>
            }
          >
            {posts.map((p) => (
              <tr key={p.appointmentId}>
                <td className={tdCls}>{postText(p, t, locale)}</td>
                <Td label={t("members.tokens.col.holder")}>
                  <span>
                    <span className="font-semibold">{p.workerName}</span>
                    <span className="block text-muted tabular-nums">{maskPhone(p.workerPhone)}</span>
                  </span>
                </Td>
                <Td numeric label={t("members.tokens.col.activeTokens")}>
                  {n(p.activeTokens)}
                </Td>
                <td className={tdCls}>
                  <IssueToken appointmentId={p.appointmentId} issued={t("members.tokens.issued", { name: p.workerName })} labels={issueLabels} />
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Section>

      <Section headingId="tokens-heading" title={t("members.tokens.listHeading")} className="space-y-3">
        <nav aria-label={t("members.tokens.col.status")} className="flex flex-wrap gap-2">
          {TOKEN_FILTERS.map((f) => (
            <Link
              key={f}
              href={href({ filter: f, page: 1 })}
              aria-current={f === filter ? "page" : undefined}
              className={`inline-flex min-h-11 items-center rounded-full border px-3 text-sm ${f === filter ? "border-brand-600 bg-brand-100 font-semibold text-brand-900" : "border-stone-300 bg-white"}`}
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
          <EmptyNote testId="no-tokens">{t("members.tokens.none")}</EmptyNote>
        ) : (
          <Table
            cards
            testId="tokens"
            head={
              <tr>
                {(["token", "holder", "post", "issued", "lastUsed", "status", "action"] as const).map((c) => (
                  <Th key={c}>{t(`members.tokens.col.${c}`)}</Th>
                ))}
              </tr>
            }
          >
            {tokens.rows.map((tk) => (
              <tr key={tk.id} data-testid={`token-${tk.prefix}`}>
                <td className={tdCls}>
                  <code className="font-mono">{tk.prefix}…</code>
                  {tk.label ? <div className="font-normal text-muted">{tk.label}</div> : null}
                </td>
                <Td label={t("members.tokens.col.holder")} className="font-semibold">
                  {tk.workerName}
                </Td>
                <Td label={t("members.tokens.col.post")}>{postText(tk, t, locale)}</Td>
                <Td label={t("members.tokens.col.issued")} className="sm:whitespace-nowrap">
                  <span>
                    {formatDateTime(tk.createdAt, locale)}
                    {tk.createdByName ? <span className="block text-muted">{t("members.tokens.by", { name: tk.createdByName })}</span> : null}
                  </span>
                </Td>
                <Td label={t("members.tokens.col.lastUsed")} className="sm:whitespace-nowrap">
                  {tk.lastUsedAt ? formatDateTime(tk.lastUsedAt, locale) : t("members.tokens.never")}
                </Td>
                <Td label={t("members.tokens.col.status")}>
                  <span className={tk.status === "active" ? "font-semibold text-ok" : "text-muted"}>{t(`members.tokens.status.${tk.status}`)}</span>
                </Td>
                <td className={tdCls}>
                  {tk.status === "active" ? (
                    <RevokeToken
                      tokenId={tk.id}
                      doneHref={href({ page: tokens.page, revoked: tk.prefix })}
                      confirm={t("members.tokens.revokeConfirm", { prefix: `${tk.prefix}…`, name: tk.workerName })}
                      labels={revokeLabels}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </Table>
        )}
        <Pager
          label={t("members.tokens.listHeading")}
          status={t("members.tokens.page", { page: n(tokens.page), pages: n(tokens.pages), total: n(tokens.total) })}
          page={tokens.page}
          pageCount={tokens.pages}
          hrefFor={(page) => href({ page })}
          prev={t("members.tokens.prev")}
          next={t("members.tokens.next")}
        />
      </Section>
    </div>
  );
}
