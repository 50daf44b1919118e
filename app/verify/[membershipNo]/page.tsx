import type { Metadata } from "next";
import { getT } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Verify membership" };

/** Public (no sign-in). The verification itself arrives with the members feature. */
export default async function VerifyPage() {
  const { t } = await getT();
  return (
    <main className="mx-auto max-w-md px-4 py-10">
      <h1 className="text-xl font-semibold">{t("verify.title")}</h1>
      <p className="mt-2 text-muted">{t("verify.pending")}</p>
    </main>
  );
}
