import Link from "next/link";
import { linkCls } from "@/components/ui/button";
import { EmptyNote } from "@/components/ui/empty-note";
import { FlashProvider } from "@/components/ui/use-form-action";
import { ATTENDANCE_KEYS } from "@/lib/i18n/labels/appointments";
import { pick } from "@/lib/i18n/pick";
import { AttendanceForm } from "@/components/appointments/training-forms";
import { formatDay, formatNumber } from "@/lib/format";
import { getT } from "@/lib/i18n/server";
import type { TrainingPageData } from "@/lib/trainings/pages";

/** One training session: its chief enrollers and the days each attended (marked by those who manage trainings). */
export async function TrainingView({ training, roster, canMark, begun, nextDay }: TrainingPageData) {
  const { locale, t } = await getT();
  const dayLabel = (d: number) =>
    d === 0 ? t("trainings.days.none") : d === training.days ? t("trainings.days.all", { days: training.days }) : t("trainings.days.some", { count: d, days: training.days });
  // Only the days begun can be chosen (the server refuses later ones too); "All N days" appears on the last day.
  // (A mark saved before would still show, should the clock ever disagree.)
  const top = Math.max(begun, ...roster.map((r) => r.daysAttended));
  const dayOptions = Array.from({ length: top + 1 }, (_, d) => ({ value: d, label: dayLabel(d) }));
  const marking = canMark && begun > 0;
  return (
    <FlashProvider>
      <div className="space-y-4">
        <Link href="/enrollers/trainings" className={`text-sm ${linkCls}`}>
          ← {t("trainings.back")}
        </Link>
        <h1 className="text-2xl font-semibold">{training.title}</h1>
        <p className="text-muted">
          {t("trainings.summary", {
            dates: t("trainings.dates", { start: formatDay(training.startsOn, locale), end: formatDay(training.endsOn, locale) }),
            place: training.place,
          })}
        </p>
        <h2 className="text-lg font-semibold">{t("trainings.attendance")}</h2>
        <p className="text-sm text-muted">{t("trainings.attendanceIntro", { days: training.days })}</p>
        {nextDay ? (
          <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-ink" data-testid="days-not-begun">
            {begun === 0
              ? t("trainings.notBegunNote", { date: formatDay(training.startsOn, locale) })
              : t("trainings.partlyBegunNote", { next: formatNumber(begun + 1, locale), date: formatDay(nextDay, locale), begun: formatNumber(begun, locale), days: formatNumber(training.days, locale) })}
          </p>
        ) : null}
        {roster.length === 0 ? (
          <EmptyNote>{t("trainings.roster.empty")}</EmptyNote>
        ) : marking ? (
          <AttendanceForm
            trainingId={training.id}
            rows={roster.map((r) => ({
              workerId: r.workerId,
              name: r.name,
              post: locale === "hi" ? r.postsHi : r.posts,
              district: locale === "hi" ? r.districtNameHi : r.districtName,
              active: r.active,
              days: r.daysAttended,
              formerLabel: t("trainings.formerHolder"),
            }))}
            dayOptions={dayOptions}
            m={pick(t, ATTENDANCE_KEYS)}
          />
        ) : (
          <ul className="space-y-1" data-testid="attendance-list">
            {roster.map((r) => (
              <li key={r.workerId}>
                {r.name} — {dayLabel(r.daysAttended)}
              </li>
            ))}
          </ul>
        )}
      </div>
    </FlashProvider>
  );
}
