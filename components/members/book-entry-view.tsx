import Link from "next/link";
import { BookForm } from "@/components/members/book-form";
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
        labels={{
          bookSection: t("members.book.bookSection"),
          memberSection: t("members.book.memberSection"),
          consentSection: t("members.book.consentSection"),
          bookNo: t("members.field.bookNo"),
          pageNo: t("members.field.pageNo"),
          boothCode: t("members.field.boothCode"),
          boothHint: t("members.book.boothHint"),
          boothNone: t("members.book.boothNone"),
          boothChosen: t("members.book.boothChosen"),
          epic: t("members.field.epic"),
          name: t("members.field.name"),
          nameHint: t("members.field.nameHint"),
          relativeName: t("members.field.relativeName"),
          gender: t("members.field.gender"),
          genders: { F: t("members.gender.F"), M: t("members.gender.M"), O: t("members.gender.O") },
          age: t("members.field.age"),
          phone: t("members.field.phone"),
          address: t("members.field.address"),
          religion: t("members.field.religion"),
          caste: t("members.field.caste"),
          casteCategory: t("members.field.casteCategory"),
          consentVersion: t("members.field.consentVersion"),
          consentLang: t("members.field.consentLang"),
          langs: { hi: t("members.lang.hi"), en: t("members.lang.en") },
          consent: t("members.field.consent"),
          choose: t("members.book.choose"),
          submit: t("members.book.submit"),
          submitting: t("members.book.submitting"),
          saved: t("members.book.saved"),
          savedCount: t("members.book.savedCount"),
          cardPdf: t("members.book.cardPdf"),
          cardPng: t("members.book.cardPng"),
          open: t("members.book.open"),
        }}
      />
    </div>
  );
}
