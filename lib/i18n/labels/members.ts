/**
 * Members' labels: the catalog keys their client components need, translated on the server with `pick`
 * (lib/i18n/pick.ts) and passed down as plain strings.
 */
import type { MessageKey } from "@/lib/i18n";

/** `members.reveal.done` keeps its `{id}` placeholder (t without values leaves it): the panel fills in the audit event. */
export const REVEAL_KEYS = [
  "members.reveal.title",
  "members.reveal.button",
  "members.reveal.working",
  "members.reveal.note",
  "members.reveal.done",
  "members.col.epic",
  "members.col.phone",
  "members.col.relativeName",
  "members.field.address",
  "members.field.religion",
  "members.field.caste",
] as const satisfies readonly MessageKey[];
export type RevealLabels = Record<(typeof REVEAL_KEYS)[number], string>;

/** The dialog's title names the member (`members.erase.dialogTitle`), so it is translated apart and passed as its own prop. */
export const ERASE_KEYS = [
  "members.erase.title",
  "members.erase.button",
  "members.erase.body",
  "members.erase.reason",
  "members.erase.confirm",
  "members.erase.working",
  "members.erase.cancel",
] as const satisfies readonly MessageKey[];
export type EraseLabels = Record<(typeof ERASE_KEYS)[number], string>;

/** The book form's; `members.book.boothChosen`, `saved` and `savedCount` keep their placeholders, filled in the browser. */
export const BOOK_FORM_KEYS = [
  "members.book.bookSection",
  "members.book.memberSection",
  "members.book.consentSection",
  "members.field.bookNo",
  "members.field.pageNo",
  "members.field.boothCode",
  "members.book.boothHint",
  "members.book.boothNone",
  "members.book.boothChosen",
  "members.field.epic",
  "members.field.name",
  "members.field.nameHint",
  "members.field.relativeName",
  "members.field.gender",
  "members.gender.F",
  "members.gender.M",
  "members.gender.O",
  "members.field.age",
  "members.field.phone",
  "members.field.address",
  "members.field.religion",
  "members.field.caste",
  "members.field.casteCategory",
  "members.field.consentVersion",
  "members.field.consentLang",
  "members.lang.hi",
  "members.lang.en",
  "members.field.consent",
  "members.book.choose",
  "members.book.submit",
  "members.book.submitting",
  "members.book.saved",
  "members.book.savedCount",
  "members.book.cardPdf",
  "members.book.cardPng",
  "members.book.open",
] as const satisfies readonly MessageKey[];
export type BookFormLabels = Record<(typeof BOOK_FORM_KEYS)[number], string>;
