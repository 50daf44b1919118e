import type { Metadata } from "next";
import { UnitView } from "@/components/progress/unit-view";
import { getT } from "@/lib/i18n/server";
import { boothPageData } from "@/lib/progress/pages";
import { ReadLagNote } from "@/components/shell/read-lag-note";

export async function generateMetadata({ params }: { params: Promise<{ code: string }> }): Promise<Metadata> {
  const { t } = await getT();
  return { title: `${t("progress.level.booth")} ${(await params).code}` };
}

export default async function BoothPage({ params }: { params: Promise<{ code: string }> }) {
  const { viewer, data, people } = await boothPageData((await params).code);
  return (
    <>
      <ReadLagNote />
      <UnitView data={data} viewer={viewer} booth={people} />
    </>
  );
}
