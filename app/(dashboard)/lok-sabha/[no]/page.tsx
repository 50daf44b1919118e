import type { Metadata } from "next";
import { UnitView } from "@/components/progress/unit-view";
import { getT } from "@/lib/i18n/server";
import { unitPageData } from "@/lib/progress/pages";
import { ReadLagNote } from "@/components/shell/read-lag-note";

export async function generateMetadata({ params }: { params: Promise<{ no: string }> }): Promise<Metadata> {
  const { t } = await getT();
  return { title: `${t("progress.level.pc")} ${(await params).no}` };
}

export default async function LokSabhaSeatPage({ params, searchParams }: { params: Promise<{ no: string }>; searchParams: Promise<{ group?: string | string[] }> }) {
  const { viewer, data } = await unitPageData("pc", (await params).no);
  return (
    <>
      <ReadLagNote />
      <UnitView data={data} viewer={viewer} group={(await searchParams).group} />
    </>
  );
}
