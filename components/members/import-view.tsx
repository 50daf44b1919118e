import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { formatNumber, formatDateTime } from "@/lib/format";
import { MEMBER_IMPORT_KEYS } from "@/lib/i18n/labels/members";
import { pick } from "@/lib/i18n/pick";
import { getT } from "@/lib/i18n/server";
import { OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from "@/lib/members/import/import";
import { ImportUploader } from "@/components/members/import-uploader";
import { linkCls } from "@/components/ui/button";
import { EmptyNote } from "@/components/ui/empty-note";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, tdCls } from "@/components/ui/table";
import type { MembersImportPageData } from "@/lib/members/pages";
import { Section } from "@/components/ui/section";

/** /members/import: upload a members CSV, follow the running import, and the past imports with their outcomes. */
export async function MembersImportView({ viewer, imports }: MembersImportPageData) {
  const { locale, t } = await getT();
  const n = (x: number) => formatNumber(x, locale);
  const running = imports.find((i) => i.status === "running" && !i.stalled);
  const statusText = (i: (typeof imports)[number]) =>
    i.status === "running" && i.stalled ? t("members.import.status.stalled") : t(`members.import.status.${i.status}`);

  return (
    <div className="space-y-8">
      <PageHeader title={t("members.import.title")} className="space-y-2">
        <p className="max-w-3xl text-muted">{t("members.import.intro")}</p>
        <p className="max-w-3xl text-sm">
          {t("members.import.columns", { required: REQUIRED_COLUMNS.join(", "), optional: OPTIONAL_COLUMNS.join(", ") })}
        </p>
        <p className="max-w-3xl text-sm text-muted">{t("members.import.rules")}</p>
        {can(viewer, "tokens.manage") ? (
          <Link href="/members/tokens" className={`inline-block text-sm ${linkCls}`}>
            {t("members.import.toTokens")}
          </Link>
        ) : null}
      </PageHeader>

      <ImportUploader
        locale={locale}
        initialId={running?.id}
        labels={pick(t, MEMBER_IMPORT_KEYS)}
      />

      <Section headingId="recent-heading" title={t("members.import.recent")} className="space-y-3">
        {imports.length === 0 ? (
          <EmptyNote>{t("members.import.none")}</EmptyNote>
        ) : (
          <Table
            cards
            testId="imports"
            head={
              <tr>
                <Th>{t("members.import.col.file")}</Th>
                <Th>{t("members.import.col.started")}</Th>
                <Th>{t("members.import.col.status")}</Th>
                {(["rows", "created", "duplicates", "rejected"] as const).map((c) => (
                  <Th key={c} numeric>
                    {t(`members.import.col.${c}`)}
                  </Th>
                ))}
                <Th>{t("members.import.col.outcome")}</Th>
              </tr>
            }
          >
            {imports.map((i) => (
              <tr key={i.id}>
                <td className={`${tdCls} max-w-56 break-words`}>
                  #{i.id} {i.fileName}
                </td>
                <Td label={t("members.import.col.started")} className="whitespace-nowrap">
                  <span>
                    {formatDateTime(i.startedAt, locale)}
                    {i.byName ? <span className="block text-muted">{i.byName}</span> : null}
                  </span>
                </Td>
                <Td label={t("members.import.col.status")}>{statusText(i)}</Td>
                <Td numeric label={t("members.import.col.rows")}>{n(i.totalRows)}</Td>
                <Td numeric label={t("members.import.col.created")}>{n(i.created)}</Td>
                <Td numeric label={t("members.import.col.duplicates")}>{n(i.duplicates)}</Td>
                <Td numeric label={t("members.import.col.rejected")}>{n(i.rejected)}</Td>
                <td className={tdCls}>
                  <a href={`/api/members/import/${i.id}/outcome`} className={linkCls}>
                    {t("members.import.outcomeCsv")}
                  </a>
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
    </div>
  );
}
