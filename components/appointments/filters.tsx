import Link from "next/link";
import { Field, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { UnitSelect } from "@/components/ui/unit-select";
import type { UnitOption } from "@/lib/geo/queries";
import type { Locale, Translate } from "@/lib/i18n";

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
          <UnitSelect id="filter-district" name="district" label={t("appointments.filter.district")} allLabel={t("appointments.filter.allDistricts")} units={districts} value={district} locale={locale} />
        ) : null}
        {blocks && blocks.length > 0 ? (
          <UnitSelect id="filter-block" name="block" label={t("appointments.filter.block")} allLabel={t("appointments.filter.allBlocks")} units={blocks} value={block} locale={locale} />
        ) : null}
        {acs && acs.length > 1 ? (
          <UnitSelect id="filter-ac" name="ac" label={t("appointments.filter.ac")} allLabel={t("appointments.filter.allAcs")} units={acs} value={ac} locale={locale} />
        ) : null}
        <SelectField id="filter-show" name="show" label={t("appointments.filter.show")} defaultValue={show}>
          {shows.map((s) => (
            <option key={s} value={s}>
              {showLabels[s]}
            </option>
          ))}
        </SelectField>
        {search ? (
          <Field id="filter-q" name="q" label={t("appointments.filter.search")} defaultValue={q ?? ""} inputMode="search" />
        ) : null}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <SubmitButton>{t("appointments.filter.apply")}</SubmitButton>
        <Link href={`${action}?tab=${tab}`} className="text-sm font-semibold text-brand-700 underline">
          {t("appointments.filter.reset")}
        </Link>
      </div>
    </form>
  );
}
