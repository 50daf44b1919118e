import Link from "next/link";
import { linkCls } from "@/components/ui/button";
import { EmptyNote } from "@/components/ui/empty-note";
import { FlashProvider } from "@/components/ui/use-form-action";
import { ATTENDANCE_KEYS } from "@/lib/i18n/labels/appointments";
import { pick } from "@/lib/i18n/pick";
import { AttendanceForm } from "@/components/appointments/training-forms";
import { formatDay } from "@/lib/format";
import { getT } from "@/lib/i18n/server";
import type { TrainingPageData } from "@/lib/trainings/pages";

/** One training session: its chief enrollers and the days each attended (marked by those who manage trainings). */
export async function TrainingView({ training, roster, canMark }: TrainingPageData) {
  const { locale, t } = await getT();
  const dayOptions = Array.from({ length: training.days + 1 }, (_, d) => ({
    value: d,
    label: d === 0 ? t("trainings.days.none") : d === training.days ? t("trainings.days.all", { days: training.days }) : t("trainings.days.some", { count: d, days: training.days }),
  }));
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
        {roster.length === 0 ? (
          <EmptyNote>{t("trainings.roster.empty")}</EmptyNote>
        ) : canMark ? (
          <AttendanceForm
            trainingId={training.id}
            rows={roster.map((r) => ({
              workerId: r.workerId,
              name: r.name,
              post: locale === "hi" ? r.postsHi : r.posts,
              district: r.districtName,
              active: r.active,
              days: r.daysAttended,
              formerLabel: t("trainings.formerHolder"),
            }))}
            dayOptions={dayOptions}
            m={pick(t, ATTENDANCE_KEYS)}
          />
        ) : (
          <ul className="space-y-1">
            {roster.map((r) => (
              <li key={r.workerId}>
                {r.name} — {dayOptions[r.daysAttended]?.label}
              </li>
            ))}
          </ul>
        )}
      </div>
    </FlashProvider>
  );
}
