import Link from "next/link";
import { sectionPath } from "@/lib/appointments/posts";
import { revealWorkerAction } from "@/lib/appointments/actions";
import type { PostPageData } from "@/lib/appointments/pages";
import { formatInstantDay, formatNumber } from "@/lib/format";
import { unitName } from "@/lib/i18n";
import { FORM_KEYS, unitLabel } from "@/lib/i18n/labels/appointments";
import { pick } from "@/lib/i18n/pick";
import { getT } from "@/lib/i18n/server";
import { Badge } from "@/components/ui/badge";
import { Table, Td, tdCls, Th } from "@/components/ui/table";
import { FlashProvider } from "@/components/ui/use-form-action";
import { AppointForm, HolderActions } from "@/components/appointments/post-forms";
import { TrainingBadge } from "@/components/appointments/tables";
import { WorkerReveal, type WorkerRevealLabels } from "@/components/appointments/worker-reveal";
import { EmptyNote } from "@/components/ui/empty-note";
import { Section } from "@/components/ui/section";

/**
 * One post (role × unit): who holds it, the way to appoint, replace or end, and its whole history. Shared by
 * /enrollers/… and /it-cell/…; loaded (and refused with a 404) by lib/appointments/pages.ts.
 */
export async function PostView({ viewer, section, role, level, post, mayAct, canAct, canReveal }: PostPageData) {
  const { locale, t } = await getT();
  const m = pick(t, FORM_KEYS);
  const label = unitLabel(t, locale, post.unit);
  const roleName = t(`appointments.role.${role}`);
  const room = post.holders.length < post.limit;
  const revealLabels: WorkerRevealLabels = {
    button: t("appointments.reveal.button"),
    working: t("appointments.reveal.working"),
    note: t("appointments.reveal.note"),
    done: t("appointments.reveal.done"),
    phone: t("appointments.col.phone"),
    epic: t("appointments.post.epic"),
  };

  return (
    <FlashProvider>
      <div className="space-y-6">
        <div>
          <Link href={sectionPath(section)} className="text-sm font-semibold text-brand-700 underline">
            ← {t("appointments.post.back")}
          </Link>
          <h1 className="mt-2 text-2xl font-semibold">{t("appointments.post.title", { role: roleName, unit: label })}</h1>
          <p className="text-muted">
            {post.unit.level === "booth" ? unitName(post.unit, locale) : null}
            {post.unit.parentName ? `${post.unit.level === "booth" ? " · " : ""}${unitName({ name: post.unit.parentName, nameHi: post.unit.parentNameHi }, locale)}` : null}
          </p>
        </div>

        <Section headingId="current" title={t("appointments.post.current")} className="space-y-3">
          {post.limit > 1 ? (
            <p className="text-sm text-muted">{t("appointments.post.count", { count: formatNumber(post.holders.length, locale), limit: formatNumber(post.limit, locale) })}</p>
          ) : null}
          {post.holders.length === 0 ? (
            <EmptyNote testId="post-vacant">
              {t("appointments.post.vacant")}
            </EmptyNote>
          ) : (
            <ul className="space-y-3" data-testid="current-holders">
              {post.holders.map((h) => (
                <li key={h.appointmentId} className="rounded-lg border border-stone-200 bg-white p-4" data-testid="current-holder">
                  <p className="text-lg font-semibold">{h.name}</p>
                  <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                    <dt className="text-muted">{t("appointments.col.phone")}</dt>
                    <dd className="tabular-nums" data-testid="holder-phone">
                      {h.phoneMasked}
                    </dd>
                    {h.epicMasked ? (
                      <>
                        <dt className="text-muted">{t("appointments.post.epic")}</dt>
                        <dd data-testid="holder-epic">{h.epicMasked}</dd>
                      </>
                    ) : null}
                    <dt className="text-muted">{t("appointments.col.appointedOn")}</dt>
                    <dd>{formatInstantDay(h.appointedAt, locale)}</dd>
                    <dt className="text-muted">{t("appointments.col.by")}</dt>
                    <dd>{h.appointedBy ?? "—"}</dd>
                    {role === "chief_enroller" ? (
                      <>
                        <dt className="text-muted">{t("appointments.col.training")}</dt>
                        <dd>
                          <TrainingBadge trained={h.trained} t={t} />
                        </dd>
                      </>
                    ) : null}
                  </dl>
                  {canReveal ? <WorkerReveal action={revealWorkerAction} section={section} workerId={h.workerId} labels={revealLabels} /> : null}
                  {canAct ? (
                    <HolderActions
                      section={section}
                      appointmentId={h.appointmentId}
                      who={t("appointments.a11y.who", { name: h.name })}
                      m={m}
                      replaceTitle={t("appointments.form.replaceTitle", { name: h.name })}
                      endTitle={t("appointments.form.endTitle", { name: h.name })}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {!room && post.limit > 1 ? <p className="text-sm text-muted">{t("appointments.post.full")}</p> : null}
        </Section>

        {mayAct && !post.writable ? (
          <p className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-warn" data-testid="post-outside-area">
            {t("appointments.post.outsideArea", { unit: label, scope: t(`scope.${viewer.scope.level}`, { name: unitName(viewer.scope, locale) }) })}
          </p>
        ) : null}

        {canAct && room ? (
          <Section headingId="appoint" title={t("appointments.post.appointTitle")} boxed className="space-y-3">
            <AppointForm section={section} role={role} level={level} unitId={post.unit.id} m={m} />
          </Section>
        ) : null}

        <Section headingId="history" title={t("appointments.post.history")} className="space-y-2">
          {post.history.length === 0 ? (
            <p className="text-muted">{t("appointments.post.noHistory")}</p>
          ) : (
            <Table
              cards
              label={t("appointments.post.history")}
              testId="post-history"
              head={
                <tr>
                  <Th>{t("appointments.col.holder")}</Th>
                  <Th>{t("appointments.col.appointedOn")}</Th>
                  <Th>{t("appointments.post.endedOn")}</Th>
                  <Th>{t("appointments.post.reason")}</Th>
                </tr>
              }
            >
              {post.history.map((h) => (
                <tr key={h.appointmentId} data-testid="history-row">
                  <th scope="row" className={`${tdCls} text-left font-semibold max-sm:block`}>
                    {h.name}
                    <span className="block text-xs font-normal text-muted tabular-nums">{h.phoneMasked}</span>
                  </th>
                  <Td label={t("appointments.col.appointedOn")}>
                    <span>
                      {formatInstantDay(h.appointedAt, locale)}
                      {h.appointedBy ? <span className="block text-xs text-muted">{h.appointedBy}</span> : null}
                    </span>
                  </Td>
                  <Td label={t("appointments.post.endedOn")}>
                    {h.endedAt ? (
                      <span>
                        {formatInstantDay(h.endedAt, locale)}
                        {h.endedBy ? <span className="block text-xs text-muted">{h.endedBy}</span> : null}
                      </span>
                    ) : (
                      <Badge tone="ok">{t("appointments.post.holding")}</Badge>
                    )}
                  </Td>
                  {h.endedReason ? <Td label={t("appointments.post.reason")}>{h.endedReason}</Td> : <Td className="max-sm:hidden" />}
                </tr>
              ))}
            </Table>
          )}
        </Section>
      </div>
    </FlashProvider>
  );
}
