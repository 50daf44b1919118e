import type { Metadata } from "next";
import { TargetsView } from "@/components/progress/targets-view";
import { getT } from "@/lib/i18n/server";
import { targetsPageData } from "@/lib/targets/pages";
import { ReadLagNote } from "@/components/shell/read-lag-note";
import type { SearchParams } from "@/lib/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("progress.targets.title") };
}

export default async function TargetsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { page } = await targetsPageData(searchParams);
  const { locale, t } = await getT();
  return (
    <>
      <ReadLagNote />
      <TargetsView page={page} t={t} locale={locale} />
    </>
  );
}
