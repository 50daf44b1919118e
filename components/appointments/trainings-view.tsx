import Link from "next/link";
import { linkCls } from "@/components/ui/button";
import { EmptyNote } from "@/components/ui/empty-note";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { Table, Td, tdCls, Th } from "@/components/ui/table";
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
        <PageHeader title={t("trainings.title")} back={{ href: "/enrollers", label: `← ${t("appointments.enrollers.title")}` }}>
          <p className="max-w-2xl text-sm text-muted">{t("trainings.intro")}</p>
        </PageHeader>
        {levels.length > 0 ? (
          <Section boxed headingId="new-session" title={t("trainings.create")} className="space-y-3">
            <TrainingForm
              m={pick(t, TRAINING_FORM_KEYS)}
              levels={[...levels]}
              districts={districts.map((d) => ({ id: d.id, name: unitName(d, locale) }))}
              defaultDistrict={districts.length === 1 ? districts[0]!.id : undefined}
              today={istDate(new Date())}
            />
          </Section>
        ) : null}
        {sessions.length === 0 ? (
          <EmptyNote>{t("trainings.empty")}</EmptyNote>
        ) : (
          <Table
            cards
            label={t("trainings.title")}
            testId="trainings"
            head={
              <tr>
                <Th>{t("trainings.col.session")}</Th>
                <Th>{t("trainings.col.dates")}</Th>
                <Th>{t("trainings.col.level")}</Th>
                <Th numeric>{t("trainings.col.attended")}</Th>
                <Th numeric>{t("trainings.col.completed")}</Th>
              </tr>
            }
          >
            {sessions.map((s) => (
              <tr key={s.id}>
                <th scope="row" className={`${tdCls} text-left font-normal max-sm:block`}>
                  <span>
                    <Link href={`/enrollers/trainings/${s.id}`} className={`${linkCls} inline-flex min-h-11 items-center sm:min-h-0`}>
                      {s.title}
                    </Link>
                    <span className="block text-xs font-normal text-muted">{s.place}</span>
                  </span>
                </th>
                <Td label={t("trainings.col.dates")} className="sm:whitespace-nowrap">
                  <span>
                    {t("trainings.dates", { start: formatDay(s.startsOn, locale), end: formatDay(s.endsOn, locale) })}
                    <span className="block text-xs text-muted">
                      {n(s.days)} {t("trainings.col.days")}
                    </span>
                  </span>
                </Td>
                <Td label={t("trainings.col.level")}>
                  <span>
                    {t(`trainings.level.${s.level}`)}
                    {s.districtName ? <span className="block text-xs text-muted">{unitName({ name: s.districtName, nameHi: s.districtNameHi }, locale)}</span> : null}
                  </span>
                </Td>
                <Td label={t("trainings.col.attended")} numeric>
                  {n(s.attended)}
                </Td>
                <Td label={t("trainings.col.completed")} numeric>
                  {n(s.completed)}
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </div>
    </FlashProvider>
  );
}
