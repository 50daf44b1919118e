import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClass, linkCls } from "@/components/ui/button";
import { EmptyNote } from "@/components/ui/empty-note";
import { Section } from "@/components/ui/section";
import { Table, Td, Th } from "@/components/ui/table";
import { holderLimit, postPath, postRule } from "@/lib/appointments/posts";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { formatDay, formatInstantDay, formatNumber } from "@/lib/format";
import type { Locale, Translate } from "@/lib/i18n";
import type { BoothPeople, BoothPost } from "@/lib/progress/types";

/**
 * A booth's people: its IT-cell member and enrollers by name (phone masked, as the appointment pages show
 * them), a link to appoint there for those who may, and the newest sign-ups, masked as the members list
 * masks them. Only rendered for a booth the viewer's area covers (lib/progress/pages.ts).
 */
export function BoothPeopleView({ people, code, viewer, t, locale }: { people: BoothPeople; code: string; viewer: Viewer; t: Translate; locale: Locale }) {
  const itMembers = people.posts.filter((p) => p.role === "it_member");
  const enrollers = people.posts.filter((p) => p.role === "enroller");
  const enrollerLimit = holderLimit(postRule("enroller", "booth")!);
  const itHref = can(viewer, "itcell.manage", "booth") ? postPath("it_member", "booth", code) : null;
  const enrollerHref = can(viewer, "enrollers.manage", "booth") ? postPath("enroller", "booth", code) : null;
  return (
    <>
      <Section boxed id="people" headingId="people-title" title={t("progress.booth.people")} className="space-y-4">
        <div className="grid gap-4 md:grid-cols-2">
          <PostBlock
            title={t("appointments.role.it_member")}
            posts={itMembers}
            empty={t("progress.booth.noItMember")}
            href={itHref}
            action={itMembers.length > 0 ? t("progress.booth.changeItMember") : t("progress.booth.appointItMember")}
            testId="booth-it-member"
            t={t}
            locale={locale}
          />
          <PostBlock
            title={t("progress.booth.enrollers", { count: formatNumber(enrollers.length, locale), limit: formatNumber(enrollerLimit, locale) })}
            posts={enrollers}
            empty={t("progress.booth.noEnrollers")}
            href={enrollerHref}
            action={enrollers.length < enrollerLimit ? t("progress.booth.appointEnroller") : t("progress.booth.manageEnrollers")}
            testId="booth-enrollers"
            t={t}
            locale={locale}
          />
        </div>
      </Section>

      {people.members ? (
        <Section id="recent-members" headingId="recent-members-title" title={t("progress.booth.recent")} className="space-y-2">
          <p className="text-sm text-muted">{t("progress.booth.recentNote")}</p>
          {people.members.length === 0 ? (
            <EmptyNote small testId="booth-members-empty">
              {t("progress.booth.recentNone")}
            </EmptyNote>
          ) : (
            <Table
              cards
              label={t("progress.booth.recent")}
              caption={t("progress.booth.recent")}
              testId="booth-members"
              head={
                <tr>
                  <Th>{t("members.col.no")}</Th>
                  <Th>{t("members.col.name")}</Th>
                  <Th>{t("members.col.epic")}</Th>
                  <Th>{t("members.col.phone")}</Th>
                  <Th>{t("members.col.channel")}</Th>
                  <Th>{t("members.col.enrolled")}</Th>
                </tr>
              }
            >
              {people.members.map((m) => (
                <tr key={m.membershipNo} data-testid="booth-member">
                  <Td label={t("members.col.no")} className="whitespace-nowrap">
                    <Link href={`/members/${m.membershipNo}`} className={`${linkCls} tabular-nums`}>
                      {m.membershipNo}
                    </Link>
                  </Td>
                  <Td label={t("members.col.name")}>
                    {m.name}
                    {m.underReview ? (
                      <>
                        {" "}
                        <Badge tone="warn">{t("progress.booth.underReview")}</Badge>
                      </>
                    ) : null}
                  </Td>
                  {/* Monospace on the value only: a phone's card label in Hindi needs the page's Devanagari font. */}
                  <Td label={t("members.col.epic")} className="whitespace-nowrap">
                    <span className="font-mono">{m.epicMasked}</span>
                  </Td>
                  <Td label={t("members.col.phone")} className="whitespace-nowrap">
                    <span className="font-mono">{m.phoneMasked || "—"}</span>
                  </Td>
                  <Td label={t("members.col.channel")}>{t(`members.channel.${m.channel}`)}</Td>
                  <Td label={t("members.col.enrolled")} className="whitespace-nowrap">
                    {formatDay(m.enrolledOn, locale)}
                  </Td>
                </tr>
              ))}
            </Table>
          )}
          <Link href={`/members?${new URLSearchParams({ q: code }).toString()}`} className={`${linkCls} inline-block text-sm`} data-testid="booth-all-members">
            {t("progress.booth.allMembers")}
          </Link>
        </Section>
      ) : null}
    </>
  );
}

function PostBlock({
  title,
  posts,
  empty,
  href,
  action,
  testId,
  t,
  locale,
}: {
  title: string;
  posts: BoothPost[];
  empty: string;
  href: string | null;
  action: string;
  testId: string;
  t: Translate;
  locale: Locale;
}) {
  return (
    <div className="space-y-2" data-testid={testId}>
      <h3 className="font-semibold">{title}</h3>
      {posts.length === 0 ? (
        <p className="text-sm text-warn" data-testid={`${testId}-none`}>
          {empty}
        </p>
      ) : (
        <ul className="space-y-2">
          {posts.map((p) => (
            <li key={`${p.name}-${p.appointedAt}`} className="rounded-md border border-stone-200 p-3" data-testid={`${testId}-name`}>
              <p className="font-semibold">{p.name}</p>
              <p className="text-sm text-muted">
                <span className="font-mono">{p.phoneMasked}</span> · {t("progress.booth.since", { day: formatInstantDay(p.appointedAt, locale) })}
              </p>
            </li>
          ))}
        </ul>
      )}
      {href ? (
        <Link href={href} className={buttonClass("outline", "sm")} data-testid={`${testId}-appoint`}>
          {action}
        </Link>
      ) : null}
    </div>
  );
}
