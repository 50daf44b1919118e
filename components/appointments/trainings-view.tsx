import Link from "next/link";
import { TableBox, tdCls, thCls } from "@/components/ui/table";
import { FlashProvider } from "@/components/ui/use-form-action";
import { TRAINING_FORM_KEYS } from "@/lib/i18n/labels/appointments";
import { pick } from "@/lib/i18n/pick";
import { TrainingForm } from "@/components/appointments/training-forms";
import { istDate } from "@/lib/dates";
import { formatDay, formatNumber } from "@/lib/format";
import { unitName } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";
import type { TrainingsPageData } from "@/lib/trainings/pages";

/** /enrollers/trainings: the sessions of the scope, and a form to add one at the levels the viewer may. */
export async function TrainingsView({ sessions, districts, levels }: TrainingsPageData) {
  const { locale, t } = await getT();
  const n = (x: number) => formatNumber(x, locale);
  return (
    <FlashProvider>
      <div className="space-y-6">
        <div>
          <Link href="/enrollers" className="text-sm font-semibold text-brand-700 underline">
            ← {t("appointments.enrollers.title")}
          </Link>
          <h1 className="mt-2 text-2xl font-semibold">{t("trainings.title")}</h1>
          <p className="max-w-2xl text-sm text-muted">{t("trainings.intro")}</p>
        </div>
        {levels.length > 0 ? (
          <section aria-labelledby="new-session" className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 id="new-session" className="mb-3 text-lg font-semibold">
              {t("trainings.create")}
            </h2>
            <TrainingForm
              m={pick(t, TRAINING_FORM_KEYS)}
              levels={[...levels]}
              districts={districts.map((d) => ({ id: d.id, name: unitName(d, locale) }))}
              defaultDistrict={districts.length === 1 ? districts[0]!.id : undefined}
              today={istDate(new Date())}
            />
          </section>
        ) : null}
        {sessions.length === 0 ? (
          <p className="rounded-md border border-dashed border-stone-300 bg-white p-4 text-muted">{t("trainings.empty")}</p>
        ) : (
          <TableBox label={t("trainings.title")}>
            <table className="w-full text-sm" data-testid="trainings">
              <thead className="border-b border-stone-200 bg-stone-50">
                <tr>
                  <th scope="col" className={thCls}>{t("trainings.col.session")}</th>
                  <th scope="col" className={thCls}>{t("trainings.col.dates")}</th>
                  <th scope="col" className={thCls}>{t("trainings.col.level")}</th>
                  <th scope="col" className={`${thCls} text-right`}>{t("trainings.col.attended")}</th>
                  <th scope="col" className={`${thCls} text-right`}>{t("trainings.col.completed")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {sessions.map((s) => (
                  <tr key={s.id}>
                    <th scope="row" className={`${tdCls} text-left font-normal`}>
                      <Link href={`/enrollers/trainings/${s.id}`} className="font-semibold text-brand-700 underline">
                        {s.title}
                      </Link>
                      <span className="block text-xs text-muted">{s.place}</span>
                    </th>
                    <td className={`${tdCls} whitespace-nowrap`}>
                      {t("trainings.dates", { start: formatDay(s.startsOn, locale), end: formatDay(s.endsOn, locale) })}
                      <span className="block text-xs text-muted">
                        {n(s.days)} {t("trainings.col.days")}
                      </span>
                    </td>
                    <td className={tdCls}>
                      {t(`trainings.level.${s.level}`)}
                      {s.districtName ? <span className="block text-xs text-muted">{unitName({ name: s.districtName, nameHi: s.districtNameHi }, locale)}</span> : null}
                    </td>
                    <td className={`${tdCls} text-right tabular-nums`}>{n(s.attended)}</td>
                    <td className={`${tdCls} text-right tabular-nums`}>{n(s.completed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        )}
      </div>
    </FlashProvider>
  );
}
