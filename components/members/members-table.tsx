import Link from "next/link";
import { formatDay } from "@/lib/format";
import { unitName, type Locale, type Translate } from "@/lib/i18n";
import type { MemberListRow } from "@/lib/members/search";

/** One page of search results. Scrolls inside its own box on narrow screens; no religion or caste. */
export function MembersTable({
  rows,
  t,
  locale,
  showDistrict = true,
}: {
  rows: MemberListRow[];
  t: Translate;
  locale: Locale;
  /** Off for a district's own users: every row would say the same. */
  showDistrict?: boolean;
}) {
  const th = "px-3 py-2 text-left font-semibold whitespace-nowrap";
  const td = "px-3 py-2 whitespace-nowrap";
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white" role="region" aria-label={t("members.results")} tabIndex={0}>
      <table className="min-w-full text-sm" data-testid="members-table">
        <caption className="sr-only">{t("members.results")}</caption>
        <thead className="bg-stone-100 text-stone-700">
          <tr>
            <th scope="col" className={th}>{t("members.col.no")}</th>
            <th scope="col" className={th}>{t("members.col.name")}</th>
            <th scope="col" className={th}>{t("members.col.epic")}</th>
            <th scope="col" className={th}>{t("members.col.phone")}</th>
            <th scope="col" className={th}>{t("members.col.genderAge")}</th>
            <th scope="col" className={th}>{t("members.col.booth")}</th>
            <th scope="col" className={th}>{t("members.col.ac")}</th>
            {showDistrict ? (
              <th scope="col" className={th}>
                {t("members.col.district")}
              </th>
            ) : null}
            <th scope="col" className={th}>{t("members.col.channel")}</th>
            <th scope="col" className={th}>{t("members.col.enrolled")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((r) => (
            <tr key={r.membershipNo} data-testid="member-row">
              <td className={td}>
                <Link href={`/members/${r.membershipNo}`} className="font-semibold text-brand-700 underline tabular-nums">
                  {r.membershipNo}
                </Link>
              </td>
              <td className="min-w-40 px-3 py-2">{r.name}</td>
              <td className={`${td} font-mono`}>{r.epicMasked}</td>
              <td className={`${td} font-mono`}>{r.phoneMasked}</td>
              <td className={td}>
                {t(`members.gender.${r.gender as "F" | "M" | "O"}`)}, {r.age}
              </td>
              <td className={`${td} tabular-nums`}>{r.boothCode}</td>
              <td className={td}>
                {r.acNo} · {unitName({ name: r.acName, nameHi: r.acNameHi }, locale)}
              </td>
              {showDistrict ? <td className={td}>{unitName({ name: r.districtName, nameHi: r.districtNameHi }, locale)}</td> : null}
              <td className={td}>{t(`members.channel.${r.channel as "app" | "book" | "import"}`)}</td>
              <td className={td}>{formatDay(r.enrolledOn, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
