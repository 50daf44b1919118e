import Link from "next/link";
import type { UnitOption } from "@/lib/geo/queries";
import { unitName, type Locale, type Translate } from "@/lib/i18n";

const selectCls = "mt-1 block w-full min-h-11 rounded-md border border-stone-300 bg-white px-2 py-2 text-base";

/**
 * A plain GET form (works before JavaScript loads, and the URL can be shared): district, block or seat,
 * what to show, and a booth search. The scope is never taken from here: lists filter inside the viewer's scope.
 */
export function ListFilters({
  action,
  tab,
  t,
  locale,
  districts,
  district,
  blocks,
  block,
  acs,
  ac,
  shows,
  show,
  q,
  search,
}: {
  action: string;
  tab: string;
  t: Translate;
  locale: Locale;
  districts: UnitOption[];
  district?: string;
  blocks?: UnitOption[];
  block?: number;
  acs?: UnitOption[];
  ac?: number;
  shows: ("all" | "vacant" | "untrained")[];
  show: string;
  q?: string;
  search: boolean;
}) {
  const showLabels = { all: t("appointments.filter.all"), vacant: t("appointments.filter.vacant"), untrained: t("appointments.filter.untrained") };
  return (
    <form method="get" action={action} className="rounded-lg border border-stone-200 bg-white p-3" aria-label={t("appointments.filter.legend")}>
      <input type="hidden" name="tab" value={tab} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {districts.length > 1 ? (
          <label className="block text-sm font-semibold">
            {t("appointments.filter.district")}
            <select name="district" defaultValue={district ?? ""} className={selectCls}>
              <option value="">{t("appointments.filter.allDistricts")}</option>
              {districts.map((d) => (
                <option key={d.id} value={d.key}>
                  {unitName(d, locale)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {blocks && blocks.length > 0 ? (
          <label className="block text-sm font-semibold">
            {t("appointments.filter.block")}
            <select name="block" defaultValue={block ?? ""} className={selectCls}>
              <option value="">{t("appointments.filter.allBlocks")}</option>
              {blocks.map((b) => (
                <option key={b.id} value={b.id}>
                  {unitName(b, locale)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {acs && acs.length > 1 ? (
          <label className="block text-sm font-semibold">
            {t("appointments.filter.ac")}
            <select name="ac" defaultValue={ac ?? ""} className={selectCls}>
              <option value="">{t("appointments.filter.allAcs")}</option>
              {acs.map((a) => (
                <option key={a.id} value={a.key}>
                  {unitName(a, locale)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="block text-sm font-semibold">
          {t("appointments.filter.show")}
          <select name="show" defaultValue={show} className={selectCls}>
            {shows.map((s) => (
              <option key={s} value={s}>
                {showLabels[s]}
              </option>
            ))}
          </select>
        </label>
        {search ? (
          <label className="block text-sm font-semibold">
            {t("appointments.filter.search")}
            <input name="q" defaultValue={q ?? ""} className={selectCls} inputMode="search" />
          </label>
        ) : null}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="submit" className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 font-semibold text-white hover:bg-brand-700">
          {t("appointments.filter.apply")}
        </button>
        <Link href={`${action}?tab=${tab}`} className="text-sm font-semibold text-brand-700 underline">
          {t("appointments.filter.reset")}
        </Link>
      </div>
    </form>
  );
}
