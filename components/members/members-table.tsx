import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDay } from "@/lib/format";
import { unitName, type Locale, type Translate } from "@/lib/i18n";
import type { MemberListRow } from "@/lib/members/search";

/** One page of search results; a card per member on a phone (cards table); no religion or caste. */
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
  return (
    <Table
      cards
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
          <Td label={t("members.col.no")} className="whitespace-nowrap">
            <Link href={`/members/${r.membershipNo}`} className="font-semibold text-brand-700 underline tabular-nums">
              {r.membershipNo}
            </Link>
          </Td>
          <Td label={t("members.col.name")} className="min-w-40">
            {r.name}
          </Td>
          <Td label={t("members.col.epic")} className="whitespace-nowrap font-mono">
            {r.epicMasked}
          </Td>
          <Td label={t("members.col.phone")} className="whitespace-nowrap font-mono">
            {r.phoneMasked}
          </Td>
          <Td label={t("members.col.genderAge")} className="whitespace-nowrap">
            {t(`members.gender.${r.gender as "F" | "M" | "O"}`)}, {r.age}
          </Td>
          <Td label={t("members.col.booth")} className="whitespace-nowrap tabular-nums">
            {r.boothCode}
          </Td>
          <Td label={t("members.col.ac")} className="whitespace-nowrap">
            {r.acNo} · {unitName({ name: r.acName, nameHi: r.acNameHi }, locale)}
          </Td>
          {showDistrict ? (
            <Td label={t("members.col.district")} className="whitespace-nowrap">
              {unitName({ name: r.districtName, nameHi: r.districtNameHi }, locale)}
            </Td>
          ) : null}
          <Td label={t("members.col.channel")} className="whitespace-nowrap">
            {t(`members.channel.${r.channel as "app" | "book" | "import"}`)}
          </Td>
          <Td label={t("members.col.enrolled")} className="whitespace-nowrap">
            {formatDay(r.enrolledOn, locale)}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
