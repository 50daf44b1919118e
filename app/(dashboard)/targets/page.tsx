import type { Metadata } from "next";
import { TargetsView } from "@/components/progress/targets-view";
import { getT } from "@/lib/i18n/server";
import { targetsPageData } from "@/lib/targets/pages";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("progress.targets.title") };
}

export default async function TargetsPage() {
  const { page } = await targetsPageData();
  const { locale, t } = await getT();
  return <TargetsView page={page} t={t} locale={locale} />;
}
