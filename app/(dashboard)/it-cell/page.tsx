import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Tabs } from "@/components/ui/tabs";
import { withParams } from "@/components/ui/url";
import { ListFilters } from "@/components/appointments/filters";
import { BoothPostsTable, UnitPostsTable } from "@/components/appointments/tables";
import { StatCard } from "@/components/ui/stat-card";
import { getDb } from "@/db/client";
import { listQuery, parseListParams, type SearchParams } from "@/lib/appointments/filters";
import { itCellSummary, listBoothPosts, listUnitPosts } from "@/lib/appointments/queries";
import { acOptions, blockOptions, districtOptions } from "@/lib/geo/queries";
import { can } from "@/lib/auth/permissions";
import { requireViewer } from "@/lib/auth/session";
import { coverageTotals } from "@/lib/coverage/queries";
import { formatNumber, formatPercent } from "@/lib/format";
import { unitName } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "IT cell" };

const TABS = ["presidents", "blocks", "booths"] as const;

export default async function ItCellPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer();
  if (!can(viewer, "itcell.manage")) notFound();
  const p = parseListParams(await searchParams, TABS);
  const { locale, t } = await getT();
  const db = await getDb();
  const n = (x: number) => formatNumber(x, locale);
  const show = p.show === "untrained" ? "all" : p.show;

  const districts = await districtOptions(db, viewer);
  const district = districts.length === 1 ? districts[0] : districts.find((d) => d.key === p.district);
  const blocks = p.tab === "booths" && district ? await blockOptions(db, viewer, district.id) : [];
  const block = blocks.find((b) => b.id === p.block);
  const acs = p.tab === "booths" ? await acOptions(db, viewer) : [];
  const ac = acs.find((a) => Number(a.key) === p.ac);
  const [summary, coverage] = await Promise.all([itCellSummary(db, viewer), coverageTotals(db, viewer)]);
  const scope = t(`scope.${viewer.scope.level}`, { name: unitName(viewer.scope, locale) });
  const href = (patch: Parameters<typeof listQuery<(typeof TABS)[number]>>[1]) => withParams("/it-cell", listQuery(p, patch));
  const canAt = (level: "pc" | "ac" | "district" | "block" | "booth") => can(viewer, "itcell.manage", level);

  const presidents =
    p.tab === "presidents"
      ? await Promise.all(
          (["pc", "ac", "district"] as const).map(async (level) => ({
            level,
            rows: await listUnitPosts(db, viewer, { role: "it_president", level, districtId: level === "pc" ? undefined : district?.id, show }),
          })),
        )
      : [];
  const blockMembers = p.tab === "blocks" ? await listUnitPosts(db, viewer, { role: "it_member", level: "block", districtId: district?.id, show }) : [];

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("appointments.itcell.title")}</h1>
          <p className="text-muted">{scope}</p>
          <p className="mt-1 max-w-2xl text-sm text-muted">{t("appointments.itcell.intro")}</p>
        </div>
        <div className="flex flex-wrap gap-3 text-sm font-semibold">
          <Link href="/coverage" className="text-brand-700 underline">
            {t("appointments.link.coverage")}
          </Link>
          <Link href="/it-cell/import" className="text-brand-700 underline">
            {t("appointments.link.import")}
          </Link>
        </div>
      </div>

      <section className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-label={t("appointments.itcell.title")}>
        {(["pc", "ac", "district"] as const).map((level) =>
          summary.presidents[level].posts > 0 ? (
            <StatCard
              key={level}
              label={t(`appointments.card.presidents.${level}`)}
              value={n(summary.presidents[level].filled)}
              detail={t("appointments.card.filledOf", { posts: n(summary.presidents[level].posts) })}
              testId={`presidents-${level}`}
            />
          ) : null,
        )}
        <StatCard
          label={t("appointments.card.coverage")}
          value={n(coverage.covered)}
          detail={t("appointments.card.ofBooths", {
            percent: formatPercent(coverage.booths > 0 ? coverage.covered / coverage.booths : null, locale),
            booths: n(coverage.booths),
          })}
          href="/coverage"
          testId="itcell-covered"
        />
      </section>

      <Tabs
        label={t("appointments.tabs")}
        items={[
          { href: href({ tab: "presidents", q: undefined, ac: undefined, block: undefined }), label: t("appointments.tab.presidents"), current: p.tab === "presidents" },
          { href: href({ tab: "blocks", q: undefined, ac: undefined, block: undefined }), label: t("appointments.tab.blockMembers"), current: p.tab === "blocks" },
          { href: href({ tab: "booths" }), label: t("appointments.tab.boothMembers"), current: p.tab === "booths" },
        ]}
      />

      <ListFilters
        action="/it-cell"
        tab={p.tab}
        t={t}
        locale={locale}
        districts={districts}
        district={district?.key}
        blocks={blocks}
        block={block?.id}
        acs={acs}
        ac={ac ? Number(ac.key) : undefined}
        shows={["all", "vacant"]}
        show={show}
        q={p.q}
        search={p.tab === "booths"}
      />

      {p.tab === "presidents"
        ? presidents.map(({ level, rows }) =>
            rows.length === 0 && show === "all" ? null : (
              <section key={level} className="space-y-2">
                <h2 className="text-lg font-semibold">{t(`appointments.card.presidents.${level}`)}</h2>
                <UnitPostsTable
                  rows={rows}
                  role="it_president"
                  t={t}
                  locale={locale}
                  canAct={canAt(level)}
                  caption={t(`appointments.card.presidents.${level}`)}
                  testId={`presidents-${level}-table`}
                />
              </section>
            ),
          )
        : null}

      {p.tab === "blocks" ? (
        <UnitPostsTable rows={blockMembers} role="it_member" t={t} locale={locale} canAct={canAt("block")} caption={t("appointments.tab.blockMembers")} testId="block-members" />
      ) : null}

      {p.tab === "booths" ? (
        <BoothPostsTable
          data={await listBoothPosts(db, viewer, {
            role: "it_member",
            districtId: district?.id,
            blockId: block?.id,
            acId: ac?.id,
            q: p.q,
            show: show === "vacant" ? "vacant" : "all",
            sort: p.sort,
            dir: p.dir,
            page: p.page,
          })}
          role="it_member"
          limit={1}
          t={t}
          locale={locale}
          canAct={canAt("booth")}
          caption={t("appointments.tab.boothMembers")}
          hrefFor={(page) => href({ page })}
          sortHref={(sort) => {
            const current = p.sort === sort ? (p.dir === "asc" ? "ascending" : "descending") : undefined;
            return { href: href({ sort: sort === "code" ? undefined : sort, dir: current === "ascending" ? "desc" : undefined }), current };
          }}
        />
      ) : null}
    </div>
  );
}
