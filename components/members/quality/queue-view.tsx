import Link from "next/link";
import { QueueTable, type QueueTableRow } from "@/components/members/quality/queue-table";
import { buttonClass, linkCls } from "@/components/ui/button";
import { EmptyNote } from "@/components/ui/empty-note";
import { Field, SelectField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { Tabs } from "@/components/ui/tabs";
import { FlashProvider } from "@/components/ui/use-form-action";
import { UnitSelect } from "@/components/ui/unit-select";
import { withParams } from "@/components/ui/url";
import { formatDateTime, formatNumber } from "@/lib/format";
import { unitName, type Locale, type Translate } from "@/lib/i18n";
import { QUEUE_TABLE_KEYS } from "@/lib/i18n/labels/quality";
import { pick } from "@/lib/i18n/pick";
import { getT } from "@/lib/i18n/server";
import { decideAction, restoreAction } from "@/lib/members/quality/actions";
import type { QualityPageData } from "@/lib/members/quality/pages";
import type { QueueRow } from "@/lib/members/quality/queries";
import { flagWords } from "@/lib/members/quality/words";

const PATH = "/quality";

/** A row in the reader's language: place, enroller, each reason in words, when flagged and (decided) by what note. */
function tableRow(r: QueueRow, t: Translate, locale: Locale, showDistrict: boolean): QueueTableRow {
  const ac = `${r.acNo} · ${unitName({ name: r.acName, nameHi: r.acNameHi }, locale)}`;
  const district = unitName({ name: r.districtName, nameHi: r.districtNameHi }, locale);
  return {
    id: r.id,
    membershipNo: r.membershipNo,
    href: r.standing === "void" || !r.nameMasked ? null : `/members/${r.membershipNo}`,
    name: r.nameMasked ?? t("quality.erasedName"),
    place: `${r.boothCode} · ${unitName({ name: r.boothName, nameHi: r.boothNameHi }, locale)}`,
    placeDetail: showDistrict ? `${ac} · ${district}` : ac,
    enroller: !r.enroller
      ? t("quality.enroller.none")
      : r.enroller.tokenPrefix
        ? t("quality.enroller.token", { name: r.enroller.name, prefix: r.enroller.tokenPrefix })
        : t("quality.enroller.book", { name: r.enroller.name }),
    reasons: r.flags.map((f) => ({
      code: f.reason,
      label: t(`quality.reason.${f.reason}`),
      words: flagWords(t, f.reason, f.detail, locale),
      decided: f.decidedAt ? t("quality.decidedBy", { when: formatDateTime(f.decidedAt, locale), note: f.decisionNote ?? "—" }) : null,
    })),
    flaggedAt: formatDateTime(r.flaggedAt, locale),
  };
}

/** /quality: the review queue of the viewer's area, its filters, and the decisions the viewer may take. */
export async function QueueView({ viewer, p, asOf, seesScorecards, queue, counts, reasons, statuses, enrollers, districts, acs, maxPage, canDecide, canRestore }: QualityPageData) {
  const { locale, t } = await getT();
  const n = (x: number) => formatNumber(x, locale);
  const scope = t(`scope.${viewer.scope.level}`, { name: unitName(viewer.scope, locale) });
  // The URL's state, for links that change one part of it.
  const state: Record<string, string | number | undefined> = {
    status: p.status === "open" ? undefined : p.status,
    reason: p.reason,
    district: p.district,
    ac: p.ac,
    booth: p.booth,
    enroller: p.enroller,
    sort: p.sort === "new" ? undefined : p.sort,
  };
  const link = (over: Record<string, string | number | undefined>) => withParams(PATH, { ...state, ...over });
  const total = reasons.reduce((a, r) => a + counts[r], 0);
  const filtered = Boolean(p.district || p.pc || p.block || p.ac || p.booth || p.enroller);
  const mode = p.status === "open" && canDecide ? "decide" : p.status === "voided" && canRestore ? "restore" : "none";
  const chip = (current: boolean) =>
    `inline-flex min-h-11 items-center rounded-full border px-3 text-sm font-semibold ${
      current ? "border-brand-600 bg-brand-600 text-white" : "border-stone-300 bg-white text-ink hover:bg-stone-100"
    }`;
  const viewKey = (s: (typeof statuses)[number]) => `quality.view.${s}` as const;

  return (
    <div className="space-y-5">
      <PageHeader title={t("quality.title")} titleTestId="quality-title" className="space-y-1">
        <p className="text-muted">{t("quality.subtitle", { scope })}</p>
        {seesScorecards ? (
          <p>
            <Link href="/quality/enrollers" className={`text-sm ${linkCls}`} data-testid="quality-scorecards-link">
              {t("scorecards.title")} →
            </Link>
          </p>
        ) : null}
      </PageHeader>

      <Tabs
        label={t("quality.views")}
        items={statuses.map((s) => ({ href: withParams(PATH, { ...state, status: s === "open" ? undefined : s, reason: undefined }), label: t(viewKey(s)), current: p.status === s }))}
      />

      <nav aria-label={t("quality.reasons")}>
        <ul className="flex flex-wrap gap-2">
          <li>
            <Link href={link({ reason: undefined, page: undefined })} className={chip(!p.reason)} aria-current={!p.reason ? "true" : undefined}>
              {t("quality.reasonCount", { reason: t("quality.reasonAll"), n: n(total) })}
            </Link>
          </li>
          {reasons.map((r) => (
            <li key={r}>
              <Link
                href={link({ reason: r, page: undefined })}
                className={chip(p.reason === r)}
                aria-current={p.reason === r ? "true" : undefined}
                data-testid={`quality-chip-${r}`}
              >
                {t("quality.reasonCount", { reason: t(`quality.reason.${r}`), n: n(counts[r]) })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <form method="get" action={PATH} aria-label={t("quality.filters")} className="grid grid-cols-1 gap-3 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
        {p.status !== "open" ? <input type="hidden" name="status" value={p.status} /> : null}
        {p.reason ? <input type="hidden" name="reason" value={p.reason} /> : null}
        {p.pc ? <input type="hidden" name="pc" value={p.pc} /> : null}
        {p.block ? <input type="hidden" name="block" value={p.block} /> : null}
        {districts.length > 1 ? (
          <UnitSelect id="q-district" name="district" label={t("quality.filter.district")} allLabel={t("quality.filter.allDistricts")} units={districts} value={p.district} locale={locale} />
        ) : null}
        {acs.length > 1 ? (
          <UnitSelect id="q-ac" name="ac" label={t("quality.filter.ac")} allLabel={t("quality.filter.allAcs")} units={acs} value={p.ac} locale={locale} />
        ) : null}
        <Field id="q-booth" name="booth" label={t("quality.filter.booth")} defaultValue={p.booth ?? ""} inputMode="numeric" placeholder="049-0012" maxLength={8} />
        <SelectField id="q-enroller" name="enroller" label={t("quality.filter.enroller")} defaultValue={p.enroller ?? ""}>
          <option value="">{t("quality.filter.allEnrollers")}</option>
          {enrollers.map((e) => (
            <option key={e.key} value={e.key}>
              {e.tokenPrefix ? t("quality.enroller.token", { name: e.name, prefix: e.tokenPrefix }) : t("quality.enroller.book", { name: e.name })} ({n(e.n)})
            </option>
          ))}
        </SelectField>
        <div className="flex flex-wrap items-center gap-3 pb-6">
          <button type="submit" className={buttonClass("primary")}>
            {t("quality.filter.apply")}
          </button>
          {filtered ? (
            <Link href={withParams(PATH, { status: state.status, reason: p.reason })} className={`text-sm ${linkCls}`}>
              {t("quality.filter.clear")}
            </Link>
          ) : null}
        </div>
      </form>

      {p.status === "open" && !canDecide ? <p className="text-sm text-muted">{t("quality.readOnly")}</p> : null}

      <FlashProvider>
      <section className="space-y-3">
        {queue.rows.length === 0 ? (
          <EmptyNote testId="quality-empty">{p.status === "open" && !p.reason && !filtered ? t("quality.empty") : t("quality.emptyOther")}</EmptyNote>
        ) : (
          <QueueTable
            rows={queue.rows.map((r) => tableRow(r, t, locale, viewer.scope.level !== "district"))}
            labels={pick(t, QUEUE_TABLE_KEYS)}
            mode={mode}
            asOf={asOf}
            action={mode === "decide" ? decideAction : mode === "restore" ? restoreAction : undefined}
          />
        )}
        {queue.page > 1 || queue.hasNext ? (
          <Pager
            label={t("quality.pager")}
            status={t("quality.page", { page: queue.page })}
            page={queue.page}
            hasNext={queue.hasNext && queue.page < maxPage}
            hrefFor={(pg) => link({ page: pg > 1 ? pg : undefined })}
            prev={t("quality.prev")}
            next={t("quality.next")}
          />
        ) : null}
        {queue.hasNext && queue.page >= maxPage ? <p className="text-sm text-muted">{t("quality.maxPage", { n: maxPage })}</p> : null}
      </section>
      </FlashProvider>
    </div>
  );
}
