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
import { holderLimit, postRule } from "@/lib/appointments/posts";
import { enrollerSummary, listBoothPosts, listUnitPosts } from "@/lib/appointments/queries";
import { blockOptions, districtOptions } from "@/lib/geo/queries";
import { can } from "@/lib/auth/permissions";
import { requireViewer } from "@/lib/auth/session";
import { formatNumber, formatPercent } from "@/lib/format";
import { unitName } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Enrollers" };

const TABS = ["chiefs", "booths"] as const;

export default async function EnrollersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer();
  if (!can(viewer, "enrollers.manage")) notFound();
  const p = parseListParams(await searchParams, TABS);
  const { locale, t } = await getT();
  const db = await getDb();
  const n = (x: number) => formatNumber(x, locale);

  const districts = await districtOptions(db, viewer);
  const district = districts.length === 1 ? districts[0] : districts.find((d) => d.key === p.district);
  const blocks = district ? await blockOptions(db, viewer, district.id) : [];
  const block = blocks.find((b) => b.id === p.block);
  const limit = holderLimit(postRule("enroller", "booth")!);
  const summary = await enrollerSummary(db, viewer);
  const scope = t(`scope.${viewer.scope.level}`, { name: unitName(viewer.scope, locale) });
  const canActChiefs = can(viewer, "enrollers.manage", "block");
  const chiefs =
    p.tab === "chiefs"
      ? {
          district: block ? [] : await listUnitPosts(db, viewer, { role: "chief_enroller", level: "district", districtId: district?.id, show: p.show }),
          block: (await listUnitPosts(db, viewer, { role: "chief_enroller", level: "block", districtId: district?.id, show: p.show })).filter(
            (r) => !block || r.id === block.id,
          ),
        }
      : null;
  const href = (patch: Parameters<typeof listQuery<(typeof TABS)[number]>>[1]) => withParams("/enrollers", listQuery(p, patch));

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("appointments.enrollers.title")}</h1>
          <p className="text-muted">{scope}</p>
          <p className="mt-1 max-w-2xl text-sm text-muted">{t("appointments.enrollers.intro", { limit })}</p>
        </div>
        <div className="flex flex-wrap gap-3 text-sm font-semibold">
          <Link href="/enrollers/trainings" className="text-brand-700 underline">
            {t("appointments.link.trainings")}
          </Link>
          <Link href="/enrollers/import" className="text-brand-700 underline">
            {t("appointments.link.import")}
          </Link>
        </div>
      </div>

      <section className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-label={t("appointments.enrollers.title")}>
        <StatCard
          label={t("appointments.card.chiefsAppointed")}
          value={n(summary.chiefAppointed)}
          detail={t("appointments.card.ofPosts", { posts: n(summary.chiefPosts) })}
          testId="chiefs-appointed"
        />
        <StatCard
          label={t("appointments.card.chiefsTrained")}
          value={n(summary.chiefTrained)}
          detail={t("appointments.card.ofAppointed", { count: n(summary.chiefAppointed) })}
          testId="chiefs-trained"
          href="/enrollers/trainings"
        />
        <StatCard
          label={t("appointments.card.boothsWithEnroller")}
          value={n(summary.boothsWithEnroller)}
          detail={t("appointments.card.ofBooths", {
            percent: formatPercent(summary.booths > 0 ? summary.boothsWithEnroller / summary.booths : null, locale),
            booths: n(summary.booths),
          })}
          testId="booths-with-enroller"
        />
        <StatCard label={t("appointments.card.enrollers")} value={n(summary.enrollers)} testId="enrollers-total" />
      </section>

      <Tabs
        label={t("appointments.tabs")}
        items={[
          { href: href({ tab: "chiefs", show: p.show === "untrained" ? "untrained" : p.show === "vacant" ? "vacant" : undefined, q: undefined }), label: t("appointments.tab.chiefs"), current: p.tab === "chiefs" },
          { href: href({ tab: "booths", show: p.show === "vacant" ? "vacant" : undefined }), label: t("appointments.tab.boothEnrollers"), current: p.tab === "booths" },
        ]}
      />

      <ListFilters
        action="/enrollers"
        tab={p.tab}
        t={t}
        locale={locale}
        districts={districts}
        district={district?.key}
        blocks={blocks}
        block={block?.id}
        shows={p.tab === "chiefs" ? ["all", "vacant", "untrained"] : ["all", "vacant"]}
        show={p.show}
        q={p.q}
        search={p.tab === "booths"}
      />

      {p.tab === "chiefs" && chiefs ? (
        <div className="space-y-6">
          {block ? null : (
            <section className="space-y-2">
              <h2 className="text-lg font-semibold">{t("appointments.level.district")}</h2>
              <UnitPostsTable rows={chiefs.district} role="chief_enroller" t={t} locale={locale} canAct={canActChiefs} caption={t("appointments.level.district")} testId="district-chiefs" />
            </section>
          )}
          <section className="space-y-2">
            <h2 className="text-lg font-semibold">{t("appointments.level.block")}</h2>
            <UnitPostsTable rows={chiefs.block} role="chief_enroller" t={t} locale={locale} canAct={canActChiefs} caption={t("appointments.level.block")} testId="block-chiefs" />
          </section>
        </div>
      ) : (
        <BoothPostsTable
          data={await listBoothPosts(db, viewer, {
            role: "enroller",
            districtId: district?.id,
            blockId: block?.id,
            q: p.q,
            show: p.show === "vacant" ? "vacant" : "all",
            sort: p.sort,
            dir: p.dir,
            page: p.page,
          })}
          role="enroller"
          limit={limit}
          t={t}
          locale={locale}
          canAct={can(viewer, "enrollers.manage", "booth")}
          caption={t("appointments.tab.boothEnrollers")}
          hrefFor={(page) => href({ page })}
          sortHref={(sort) => {
            const current = p.sort === sort ? (p.dir === "asc" ? "ascending" : "descending") : undefined;
            return { href: href({ sort: sort === "code" ? undefined : sort, dir: current === "ascending" ? "desc" : undefined }), current };
          }}
        />
      )}
    </div>
  );
}
