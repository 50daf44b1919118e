import Link from "next/link";
import { getT } from "@/lib/i18n/server";

/**
 * The "not found" message. It is no landmark of its own: inside the dashboard the shell's <main> holds it
 * (app/(dashboard)/not-found.tsx); outside it, app/not-found.tsx gives it the page's one <main>.
 */
export async function NotFoundNote() {
  const { t } = await getT();
  return (
    <div className="mx-auto max-w-md px-4 py-16 text-center" data-testid="not-found">
      <h1 className="text-2xl font-semibold">{t("notFound.title")}</h1>
      <p className="mt-2 text-muted">{t("notFound.body")}</p>
      <Link href="/" className="mt-4 inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
        {t("placeholder.back")}
      </Link>
    </div>
  );
}
