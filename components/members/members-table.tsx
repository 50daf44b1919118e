import Link from "next/link";
import { Table, tdCls, Th } from "@/components/ui/table";
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
  const td = `${tdCls} whitespace-nowrap`;
  return (
    <Table
      label={t("members.results")}
      caption={t("members.results")}
      testId="members-table"
      head={
        <tr>
          <Th>{t("members.col.no")}</Th>
          <Th>{t("members.col.name")}</Th>
          <Th>{t("members.col.epic")}</Th>
          <Th>{t("members.col.phone")}</Th>
          <Th>{t("members.col.genderAge")}</Th>
          <Th>{t("members.col.booth")}</Th>
          <Th>{t("members.col.ac")}</Th>
          {showDistrict ? <Th>{t("members.col.district")}</Th> : null}
          <Th>{t("members.col.channel")}</Th>
          <Th>{t("members.col.enrolled")}</Th>
        </tr>
      }
    >
      {rows.map((r) => (
        <tr key={r.membershipNo} data-testid="member-row">
          <td className={td}>
            <Link href={`/members/${r.membershipNo}`} className="font-semibold text-brand-700 underline tabular-nums">
              {r.membershipNo}
            </Link>
          </td>
          <td className={`${tdCls} min-w-40`}>{r.name}</td>
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
    </Table>
  );
}
