import Link from "next/link";
import { BookForm } from "@/components/members/book-form";
import { BOOK_FORM_KEYS } from "@/lib/i18n/labels/members";
import { pick } from "@/lib/i18n/pick";
import { getT } from "@/lib/i18n/server";
import { createBookEntry } from "@/lib/members/actions";
import type { BookEntryPageData } from "@/lib/members/pages";

/** /members/new: one entry from a paper membership book. */
export async function BookEntryView(_props: BookEntryPageData) {
  const { locale, t } = await getT();
  return (
    <div className="max-w-4xl space-y-4">
      <div>
        <Link href="/members" className="text-sm font-semibold text-brand-700 underline">
          {t("members.book.back")}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">{t("members.book.title")}</h1>
        <p className="text-muted">{t("members.book.intro")}</p>
      </div>
      <BookForm
        action={createBookEntry}
        locale={locale}
        labels={pick(t, BOOK_FORM_KEYS)}
      />
    </div>
  );
}
