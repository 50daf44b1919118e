import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { getViewer } from "@/lib/auth/session";
import { LOGIN_KEYS } from "@/lib/i18n/labels/auth";
import { pick } from "@/lib/i18n/pick";
import { getT } from "@/lib/i18n/server";
import { LoginForm } from "@/app/(auth)/login/login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getViewer()) redirect("/");
  const { t } = await getT();
  const { callbackUrl } = await searchParams;
  // Auth.js passes an absolute callbackUrl; only its path is kept (the action refuses other sites anyway).
  let next = "/";
  try {
    if (callbackUrl) next = new URL(callbackUrl, "http://local").pathname;
  } catch {
    next = "/";
  }
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center px-4 py-10">
      <div className="mb-6 flex items-center justify-between">
        <div>
          <p className="text-2xl font-semibold text-brand-700">{t("app.name")}</p>
          <p className="text-sm text-muted">{t("app.tagline")}</p>
        </div>
        <LanguageSwitch />
      </div>
      <section className="rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold">{t("login.title")}</h1>
        <p className="mt-1 mb-5 text-sm text-muted">{t("login.intro")}</p>
        <LoginForm
          next={next}
          labels={pick(t, LOGIN_KEYS)}
        />
      </section>
    </main>
  );
}
