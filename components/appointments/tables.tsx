import Link from "next/link";
import type { BoothPosts, Holder, Paged, UnitPosts } from "@/lib/appointments/queries";
import { postPath } from "@/lib/appointments/posts";
import { formatNumber, formatInstantDay } from "@/lib/format";
import { unitName, type Locale, type Translate } from "@/lib/i18n";
import { Badge } from "@/components/ui/badge";
import { Pager } from "@/components/ui/pager";
import { SortTh, Table, Td, tdCls, Th } from "@/components/ui/table";
import { EmptyNote } from "@/components/ui/empty-note";

type AppointmentRole = Parameters<typeof postPath>[0];

export function TrainingBadge({ trained, t }: { trained: boolean | null; t: Translate }) {
  if (trained === null) return <span className="text-muted">—</span>;
  return trained ? <Badge tone="ok">{t("appointments.trained")}</Badge> : <Badge tone="warn">{t("appointments.notTrained")}</Badge>;
}

function HolderLines({ holders, t, locale, training }: { holders: Holder[]; t: Translate; locale: Locale; training: boolean }) {
  if (holders.length === 0) return <Badge tone="muted">{t("appointments.vacant")}</Badge>;
  return (
    <ul className="space-y-1">
      {holders.map((h) => (
        <li key={h.appointmentId} data-testid="holder">
          <span className="font-semibold">{h.name}</span>{" "}
          <span className="whitespace-nowrap text-muted tabular-nums">{h.phoneMasked}</span>
          <span className="block text-xs text-muted">
            {formatInstantDay(h.appointedAt, locale)}
            {h.appointedBy ? ` · ${h.appointedBy}` : ""}
            {training ? (
              <>
                {" "}
                <TrainingBadge trained={h.trained} t={t} />
              </>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Posts of one role at a non-booth level: one row per unit, holder details, and the way to the post page. */
export function UnitPostsTable({
  rows,
  role,
  t,
  locale,
  canAct,
  caption,
  testId,
}: {
  rows: UnitPosts[];
  role: AppointmentRole;
  t: Translate;
  locale: Locale;
  canAct: boolean;
  caption: string;
  testId: string;
}) {
  if (rows.length === 0) return <EmptyNote>{t("appointments.empty")}</EmptyNote>;
  const training = role === "chief_enroller";
  return (
    <Table
      cards
      label={caption}
      caption={caption}
      testId={testId}
      head={
        <tr>
          <Th>{t("appointments.col.unit")}</Th>
          <Th>{t("appointments.col.holder")}</Th>
          <Th>
            <span className="sr-only">{t("appointments.col.action")}</span>
          </Th>
        </tr>
      }
    >
      {rows.map((u) => {
        const name = u.level === "ac" || u.level === "pc" ? `${u.key} · ${unitName(u, locale)}` : unitName(u, locale);
        return (
          <tr key={`${u.level}-${u.id}`} data-testid={`post-${u.level}-${u.key}`}>
            <th scope="row" className={`${tdCls} text-left font-normal max-sm:block`}>
              <span>
                <Link href={postPath(role, u.level, u.key)} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline sm:min-h-0">
                  {name}
                </Link>
                {u.parentName ? <span className="block text-xs font-normal text-muted">{unitName({ name: u.parentName, nameHi: u.parentNameHi }, locale)}</span> : null}
              </span>
            </th>
            <Td label={t("appointments.col.holder")} className="text-left">
              <HolderLines holders={u.holders} t={t} locale={locale} training={training} />
            </Td>
            <Td className="sm:text-right">
              {canAct ? (
                <Link href={postPath(role, u.level, u.key)} className="inline-flex min-h-11 items-center whitespace-nowrap font-semibold text-brand-700 underline">
                  {u.holders.length === 0 ? t("appointments.appointShort") : t("appointments.manage")} <span className="sr-only">{t("appointments.a11y.who", { name })}</span>
                </Link>
              ) : null}
            </Td>
          </tr>
        );
      })}
    </Table>
  );
}

export function BoothPostsTable({
  data,
  role,
  limit,
  t,
  locale,
  canAct,
  caption,
  hrefFor,
  sortHref,
}: {
  data: Paged<BoothPosts>;
  role: AppointmentRole;
  limit: number;
  t: Translate;
  locale: Locale;
  canAct: boolean;
  caption: string;
  hrefFor: (page: number) => string;
  sortHref: (sort: "code" | "holders") => { href: string; current: "ascending" | "descending" | undefined };
}) {
  if (data.total === 0) return <EmptyNote>{t("appointments.emptyBooths")}</EmptyNote>;
  const sortHeader = (sort: "code" | "holders", label: string) => {
    const s = sortHref(sort);
    return <SortTh href={s.href} label={label} current={s.current} sortLabel={t("appointments.sortBy", { column: label })} />;
  };
  const pagerLabel = t("appointments.pager", { page: formatNumber(data.page, locale), pages: formatNumber(data.pageCount, locale), total: formatNumber(data.total, locale) });
  return (
    <div className="space-y-3">
      <Table
        cards
        label={caption}
        caption={caption}
        testId="booth-posts"
        head={
          <tr>
            {sortHeader("code", t("appointments.col.booth"))}
            <Th>{t("appointments.col.holders")}</Th>
            {sortHeader("holders", t("appointments.col.filled"))}
            <Th>
              <span className="sr-only">{t("appointments.col.action")}</span>
            </Th>
          </tr>
        }
      >
        {data.rows.map((b) => (
          <tr key={b.id} data-testid={`booth-${b.key}`}>
            <th scope="row" className={`${tdCls} text-left font-normal max-sm:block`}>
              <span>
                <Link href={postPath(role, "booth", b.key)} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline tabular-nums sm:min-h-0" data-testid="booth-code">
                  {b.key}
                </Link>
                <span className="block text-xs font-normal text-muted sm:min-w-40">{unitName(b, locale)}</span>
                <span className="block text-xs font-normal text-muted">
                  {[b.blockName ? unitName({ name: b.blockName, nameHi: b.blockNameHi }, locale) : null, b.parentName ? unitName({ name: b.parentName, nameHi: b.parentNameHi }, locale) : null]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
              </span>
            </th>
            <Td label={t("appointments.col.holders")} className="text-left">
              <HolderLines holders={b.holders} t={t} locale={locale} training={false} />
            </Td>
            <Td label={t("appointments.col.filled")} className="whitespace-nowrap tabular-nums">
              {t("appointments.countOf", { count: b.holders.length, limit })}
            </Td>
            <Td className="sm:text-right">
              {canAct ? (
                <Link href={postPath(role, "booth", b.key)} className="inline-flex min-h-11 items-center whitespace-nowrap font-semibold text-brand-700 underline">
                  {b.holders.length < limit ? t("appointments.appointShort") : t("appointments.manage")} <span className="sr-only">{t("appointments.a11y.who", { name: b.key })}</span>
                </Link>
              ) : null}
            </Td>
          </tr>
        ))}
      </Table>
      <Pager label={pagerLabel} page={data.page} pageCount={data.pageCount} hrefFor={hrefFor} prev={t("appointments.prev")} next={t("appointments.next")} />
    </div>
  );
}
