import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TargetsView } from "@/components/progress/targets-view";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { requireViewer } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import { loadTargetsPage } from "@/lib/targets/queries";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("progress.targets.title") };
}

export default async function TargetsPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "targets.set")) notFound();
  const { locale, t } = await getT();
  const page = await loadTargetsPage(await getDb(), viewer);
  return <TargetsView page={page} t={t} locale={locale} />;
}
