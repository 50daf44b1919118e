import Link from "next/link";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from "@/lib/appointments/import";
import { sectionPath, type Section } from "@/lib/appointments/posts";
import { formatNumber } from "@/lib/format";
import { getT } from "@/lib/i18n/server";
import { ImportClient } from "@/components/appointments/import-client";
import { IMPORT_KEYS } from "@/lib/i18n/labels/appointments";
import { pick } from "@/lib/i18n/pick";

const EXAMPLE = {
  enrollers: ["role,unit_level,unit_code,name,phone,epic", "enroller,booth,049-123,Asha Sahu,9876543210,ABC1234567", "chief_enroller,block,Dharsiwa,Ramesh Verma,+91 98270 12345,"],
  itcell: ["role,unit_level,unit_code,name,phone,epic", "it_member,booth,049-123,Sunita Yadav,9425012345,", "it_president,ac,49,Vikas Tiwari,07000123456,XYZ7654321"],
};

/** The upload page of the bulk appointment import, under /enrollers and /it-cell (loaded by importPageData). */
export async function ImportView({ section }: { section: Section }) {
  const { locale, t } = await getT();
  return (
    <div className="max-w-4xl space-y-4">
      <Link href={sectionPath(section)} className="text-sm font-semibold text-brand-700 underline">
        ← {t(section === "enrollers" ? "appointments.enrollers.title" : "appointments.itcell.title")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("appointments.import.title")}</h1>
      <div className="space-y-2 text-sm">
        <p>{t("appointments.import.intro")}</p>
        <p>{t("appointments.import.roles")}</p>
        <p>{t("appointments.import.unitCodes")}</p>
        <p>{t("appointments.import.rules", { max: formatNumber(IMPORT_MAX_ROWS, locale) })}</p>
      </div>
      <details className="rounded-md border border-stone-200 bg-white p-3 text-sm">
        <summary className="cursor-pointer font-semibold">{t("appointments.import.example")}</summary>
        <pre className="mt-2 overflow-x-auto text-xs">{EXAMPLE[section].join("\n")}</pre>
      </details>
      <ImportClient section={section} m={pick(t, IMPORT_KEYS)} maxBytes={IMPORT_MAX_BYTES} maxRows={IMPORT_MAX_ROWS} />
    </div>
  );
}
