import type { ReactNode } from "react";
import { signOutAction } from "@/lib/auth/actions";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { unitName } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { NAV_ITEMS } from "@/components/shell/nav";
import { NavLinks } from "@/components/shell/nav-links";

export async function AppShell({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  const { locale, t } = await getT();
  const items = NAV_ITEMS.filter((i) => !i.needs || can(viewer, i.needs)).map((i) => ({ href: i.href, label: t(i.label) }));
  const scope = t(`scope.${viewer.scope.level}`, { name: unitName(viewer.scope, locale) });
  return (
    <div className="min-h-dvh md:grid md:grid-cols-[15rem_1fr]">
      <a href="#content" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:bg-white focus:p-2">
        {t("shell.skip")}
      </a>
      <aside className="hidden border-r border-stone-200 bg-white md:block">
        <div className="sticky top-0 p-4">
          <p className="text-xl font-semibold text-brand-700">{t("app.name")}</p>
          <p className="mb-4 text-xs text-muted">{t("app.tagline")}</p>
          <nav aria-label={t("nav.main")}>
            <NavLinks items={items} />
          </nav>
        </div>
      </aside>
      <div className="min-w-0">
        <header className="border-b border-stone-200 bg-white">
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
            <details className="relative md:hidden">
              <summary className="cursor-pointer list-none rounded-md border border-stone-300 px-3 py-1.5 text-sm font-semibold">
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
              <button type="submit" className="rounded-md border border-stone-300 px-3 py-1.5 text-sm font-semibold hover:bg-stone-100">
                {t("shell.signOut")}
              </button>
            </form>
          </div>
        </header>
        <main id="content" className="mx-auto max-w-6xl px-4 py-6">
          {children}
        </main>
      </div>
    </div>
  );
}
