import Link from "next/link";
import type { ReactNode } from "react";
import { EraseDialog } from "@/components/members/erase-dialog";
import { RevealPanel } from "@/components/members/reveal-panel";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { can } from "@/lib/auth/permissions";
import { formatDateTime, formatDay } from "@/lib/format";
import { unitName } from "@/lib/i18n";
import { ERASE_KEYS, REVEAL_KEYS } from "@/lib/i18n/labels/members";
import { pick } from "@/lib/i18n/pick";
import { getT } from "@/lib/i18n/server";
import { eraseAction, revealAction } from "@/lib/members/actions";
import type { MemberPageData } from "@/lib/members/pages";

/** One member: masked details, the card, the audited reveal and the erasure, each as the role allows. */
export async function MemberView({ viewer, m }: MemberPageData) {
  const { locale, t } = await getT();
  const consentTime = formatDateTime(m.consentAt, locale);
  const rows: [string, ReactNode, string?][] = [
    [t("members.col.epic"), <span key="epic" className="font-mono">{m.epicMasked}</span>, "member-epic"],
    [t("members.col.phone"), <span key="phone" className="font-mono">{m.phoneMasked}</span>, "member-phone"],
    [t("members.col.genderAge"), `${t(`members.gender.${m.gender as "F" | "M" | "O"}`)}, ${m.age}`],
    [
      t("members.col.booth"),
      <span key="booth">
        <Link href={`/booths/${m.boothCode}`} className="text-brand-700 underline tabular-nums">
          {m.boothCode}
        </Link>{" "}
        · {unitName({ name: m.boothName, nameHi: m.boothNameHi }, locale)}
      </span>,
    ],
    [t("members.col.ac"), `${m.acNo} · ${unitName({ name: m.acName, nameHi: m.acNameHi }, locale)}`],
    [t("members.col.district"), unitName({ name: m.districtName, nameHi: m.districtNameHi }, locale)],
    [
      t("members.col.channel"),
      m.channel === "book" && m.bookNo
        ? t("members.detail.book", { book: m.bookNo, page: m.pageNo ?? "" })
        : t(`members.channel.${m.channel as "app" | "book" | "import"}`),
    ],
    [t("members.detail.enrolled"), formatDay(m.enrolledOn, locale)],
    [
      t("members.detail.consent"),
      t("members.detail.consentValue", {
        version: m.consentVersion,
        lang: m.consentLang === "en" ? t("members.lang.en") : t("members.lang.hi"),
        time: consentTime,
      }),
    ],
  ];
  const cardBase = `/members/${m.membershipNo}`;
  const button = buttonClass("secondary", "sm");

  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={m.name} titleTestId="member-name" back={{ href: "/members", label: t("members.detail.back") }}>
        <p className="text-muted tabular-nums" data-testid="member-no">
          {t("members.detail.title", { no: m.membershipNo })}
        </p>
      </PageHeader>

      <Section boxed headingId="summary-h" title={t("members.detail.summary")} titleSize="base" className="space-y-3 shadow-sm">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
          {rows.map(([label, value, testId]) => (
            <div key={label} className="contents">
              <dt className="text-muted">{label}</dt>
              <dd className="break-words" data-testid={testId}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      </Section>

      <Section boxed headingId="card-h" title={t("members.detail.card")} titleSize="base" className="space-y-3 shadow-sm">
        <div className="flex flex-wrap gap-3">
          <a href={`${cardBase}/card`} className={button} data-testid="card-pdf">
            {t("members.detail.cardPdf")}
          </a>
          <a href={`${cardBase}/card.png`} className={button} data-testid="card-png">
            {t("members.detail.cardPng")}
          </a>
        </div>
      </Section>

      {can(viewer, "members.reveal") ? (
        <RevealPanel
          action={revealAction}
          membershipNo={m.membershipNo}
          labels={pick(t, REVEAL_KEYS)}
        />
      ) : null}

      {can(viewer, "members.erase") ? (
        <EraseDialog
          action={eraseAction}
          membershipNo={m.membershipNo}
          dialogTitle={t("members.erase.dialogTitle", { no: m.membershipNo })}
          labels={pick(t, ERASE_KEYS)}
        />
      ) : null}
    </div>
  );
}
