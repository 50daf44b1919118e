import type { ReactNode } from "react";
import { signOutAction } from "@/lib/auth/actions";
import type { Viewer } from "@/lib/auth/viewer";
import { campaignToday } from "@/lib/campaign";
import { formatDay } from "@/lib/format";
import { unitName } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { navItemsFor } from "@/components/shell/nav";
import { NavLinks } from "@/components/shell/nav-links";

export async function AppShell({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  const [{ locale, t }, { day, campaign }] = await Promise.all([getT(), campaignToday(viewer.scope.stateId)]);
  const items = navItemsFor(viewer).map((i) => ({ href: i.href, label: t(i.label) }));
  const scope = t(`scope.${viewer.scope.level}`, { name: unitName(viewer.scope, locale) });
  const campaignName = campaign ? (locale === "hi" && campaign.nameHi ? campaign.nameHi : campaign.name) : null;
  return (
    <div className="min-h-dvh md:grid md:grid-cols-[15rem_1fr] print:block print:min-h-0">
      <a href="#content" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:bg-white focus:p-2">
        {t("shell.skip")}
      </a>
      {/* On paper: no menu, buttons or sign-out; instead a header naming the campaign and the day, above the page's own title (its unit). */}
      <header className="mb-3 hidden border-b-2 border-stone-300 pb-2 print:block" data-testid="print-header">
        <p className="flex flex-wrap justify-between gap-x-4 text-sm">
          <span className="font-semibold text-brand-700">{t("app.name")}</span>
          <span data-testid="print-campaign">{campaignName ? t("shell.printCampaign", { campaign: campaignName }) : t("shell.printNoCampaign")}</span>
          <span data-testid="print-date">{t("shell.printedOn", { date: formatDay(day, locale) })}</span>
        </p>
        <p className="text-xs text-muted">
          {viewer.name} · {t(`role.${viewer.role}`)} · {scope}
        </p>
      </header>
      <aside className="hidden border-r border-stone-200 bg-white md:block print:hidden">
        <div className="sticky top-0 p-4">
          <p className="text-xl font-semibold text-brand-700">{t("app.name")}</p>
          <p className="mb-4 text-xs text-muted">{t("app.tagline")}</p>
          <nav aria-label={t("nav.main")}>
            <NavLinks items={items} />
          </nav>
        </div>
      </aside>
      <div className="min-w-0">
        <header className="border-b border-stone-200 bg-white print:hidden">
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
            <details className="relative md:hidden">
              <summary className="flex min-h-11 cursor-pointer list-none items-center rounded-md border border-stone-500 px-3 text-sm font-semibold">
                {t("nav.menu")}
              </summary>
              <nav aria-label={t("nav.main")} className="absolute z-20 mt-2 w-60 rounded-md border border-stone-200 bg-white p-2 shadow-lg">
                <NavLinks items={items} />
              </nav>
            </details>
            <p className="flex-1 font-semibold text-brand-700 md:hidden">{t("app.name")}</p>
            {/* On a phone the user and scope take a row of their own below the buttons. */}
            <div className="order-last min-w-0 basis-full text-sm md:order-none md:basis-auto md:flex-1">
              <p className="truncate font-semibold" data-testid="viewer-name">
                {viewer.name}
              </p>
              <p className="truncate text-muted" data-testid="viewer-scope">
                {t(`role.${viewer.role}`)} · {scope}
              </p>
            </div>
            <LanguageSwitch />
            <form action={signOutAction}>
              <button type="submit" className="min-h-11 rounded-md border border-stone-500 px-3 text-sm font-semibold hover:bg-stone-100">
                {t("shell.signOut")}
              </button>
            </form>
          </div>
        </header>
        <main id="content" className="mx-auto max-w-6xl px-4 py-6 print:max-w-none print:p-0">
          {children}
        </main>
      </div>
    </div>
  );
}
