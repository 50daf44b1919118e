import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { isLocale, LOCALE_COOKIE, translator, type Locale } from "@/lib/i18n/index";

export const getLocale = cache(async (): Promise<Locale> => {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : "en";
});

export async function getT() {
  const locale = await getLocale();
  return { locale, t: translator(locale) };
}
