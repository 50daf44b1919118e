import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { formatNumber, formatDateTime } from "@/lib/format";
import { getT } from "@/lib/i18n/server";
import { OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from "@/lib/members/import/import";
import { ImportUploader } from "@/components/members/import-uploader";
import type { MembersImportPageData } from "@/lib/members/pages";

/** /members/import: upload a members CSV, follow the running import, and the past imports with their outcomes. */
export async function MembersImportView({ viewer, imports }: MembersImportPageData) {
  const { locale, t } = await getT();
  const n = (x: number) => formatNumber(x, locale);
  const running = imports.find((i) => i.status === "running" && !i.stalled);
  const th = "px-3 py-2 text-left font-semibold whitespace-nowrap";
  const td = "px-3 py-2 align-top";
  const statusText = (i: (typeof imports)[number]) =>
    i.status === "running" && i.stalled ? t("members.import.status.stalled") : t(`members.import.status.${i.status}`);

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("members.import.title")}</h1>
        <p className="max-w-3xl text-muted">{t("members.import.intro")}</p>
        <p className="max-w-3xl text-sm">
          {t("members.import.columns", { required: REQUIRED_COLUMNS.join(", "), optional: OPTIONAL_COLUMNS.join(", ") })}
        </p>
        <p className="max-w-3xl text-sm text-muted">{t("members.import.rules")}</p>
        {can(viewer, "tokens.manage") ? (
          <Link href="/members/tokens" className="inline-block text-sm font-semibold text-brand-700 underline">
            {t("members.import.toTokens")}
          </Link>
        ) : null}
      </div>

      <ImportUploader
        locale={locale}
        initialId={running?.id}
        labels={{
          file: t("members.import.file"),
          upload: t("members.import.upload"),
          uploading: t("members.import.uploading"),
          chooseFile: t("members.import.chooseFile"),
          uploadFailed: t("members.import.uploadFailed"),
          tooLarge: t("members.import.tooLarge"),
          fileRejected: t("members.import.fileRejected"),
          line: t("members.import.line"),
          doneBefore: t("members.import.doneBefore"),
          busy: t("members.import.busy"),
          resumed: t("members.import.resumed"),
          started: t("members.import.started"),
          progressLabel: t("members.import.progressLabel"),
          progress: t("members.import.progress"),
          counts: t("members.import.counts"),
          status: {
            running: t("members.import.status.running"),
            done: t("members.import.status.done"),
            failed: t("members.import.status.failed"),
            cancelled: t("members.import.status.cancelled"),
            stalled: t("members.import.status.stalled"),
          },
          cancel: t("members.import.cancel"),
          cancelConfirm: t("members.import.cancelConfirm"),
          cancelYes: t("members.import.cancelYes"),
          keepGoing: t("members.import.keepGoing"),
          download: t("members.import.download"),
        }}
      />

      <section aria-labelledby="recent-heading" className="space-y-3">
        <h2 id="recent-heading" className="text-lg font-semibold">
          {t("members.import.recent")}
        </h2>
        {imports.length === 0 ? (
          <p className="rounded-md border border-dashed border-stone-300 bg-white p-4 text-muted">{t("members.import.none")}</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
            <table className="min-w-full text-sm" data-testid="imports">
              <thead className="bg-stone-50">
                <tr>
                  <th scope="col" className={th}>{t("members.import.col.file")}</th>
                  <th scope="col" className={th}>{t("members.import.col.started")}</th>
                  <th scope="col" className={th}>{t("members.import.col.status")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("members.import.col.rows")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("members.import.col.created")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("members.import.col.duplicates")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("members.import.col.rejected")}</th>
                  <th scope="col" className={th}>{t("members.import.col.outcome")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {imports.map((i) => (
                  <tr key={i.id}>
                    <td className={`${td} max-w-56 break-words`}>
                      #{i.id} {i.fileName}
                    </td>
                    <td className={`${td} whitespace-nowrap`}>
                      {formatDateTime(i.startedAt, locale)}
                      {i.byName ? <div className="text-muted">{i.byName}</div> : null}
                    </td>
                    <td className={td}>{statusText(i)}</td>
                    <td className={`${td} text-right tabular-nums`}>{n(i.totalRows)}</td>
                    <td className={`${td} text-right tabular-nums`}>{n(i.created)}</td>
                    <td className={`${td} text-right tabular-nums`}>{n(i.duplicates)}</td>
                    <td className={`${td} text-right tabular-nums`}>{n(i.rejected)}</td>
                    <td className={td}>
                      <a href={`/api/members/import/${i.id}/outcome`} className="font-semibold text-brand-700 underline">
                        {t("members.import.outcomeCsv")}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
