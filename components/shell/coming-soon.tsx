import Link from "next/link";
import { notFound } from "next/navigation";
import { can, type Action } from "@/lib/auth/permissions";
import { requireViewer } from "@/lib/auth/session";
import type { MessageKey } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";

/** A page of DESIGN.md §5 that is planned but not built: it says so plainly (and still honours permissions). */
export async function ComingSoon({ title, plan, needs }: { title: MessageKey; plan: MessageKey; needs?: Action }) {
  const viewer = await requireViewer();
  if (needs && !can(viewer, needs)) notFound();
  const { t } = await getT();
  return (
    <div className="max-w-2xl space-y-3">
      <h1 className="text-2xl font-semibold">{t(title)}</h1>
      <p className="rounded-md border border-dashed border-stone-300 bg-white p-4 text-muted" data-testid="coming-soon">
        {t("placeholder.body", { plan: t(plan) })}
      </p>
      <Link href="/" className="inline-block text-sm font-semibold text-brand-700 underline">
        {t("placeholder.back")}
      </Link>
    </div>
  );
}
