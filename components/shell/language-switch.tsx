import { setLocale } from "@/lib/i18n/actions";
import { getT } from "@/lib/i18n/server";

/** A plain form so the switch works before any JavaScript has loaded. */
export async function LanguageSwitch() {
  const { locale, t } = await getT();
  return (
    <form action={setLocale}>
      <input type="hidden" name="locale" value={locale === "hi" ? "en" : "hi"} />
      <button
        type="submit"
        aria-label={t("shell.languageLabel")}
        lang={locale === "hi" ? "en" : "hi"}
        className="min-h-11 rounded-md border border-stone-500 bg-white px-3 text-sm font-semibold hover:bg-stone-100"
      >
        {t("shell.language")}
      </button>
    </form>
  );
}
