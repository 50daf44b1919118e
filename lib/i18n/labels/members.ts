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
  "members.book.consentForm",
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
  "members.religion.Hindu",
  "members.religion.Muslim",
  "members.religion.Christian",
  "members.religion.Sikh",
  "members.religion.Buddhist",
  "members.religion.Jain",
  "members.religion.Other",
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

/** The import uploader's; `members.import.line`, `progress` and `counts` keep their placeholders, filled in the browser. */
export const MEMBER_IMPORT_KEYS = [
  "members.import.file",
  "members.import.upload",
  "members.import.uploading",
  "members.import.chooseFile",
  "members.import.uploadFailed",
  "members.import.tooLarge",
  "members.import.fileRejected",
  "members.import.line",
  "members.import.doneBefore",
  "members.import.busy",
  "members.import.resumed",
  "members.import.started",
  "members.import.progressLabel",
  "members.import.progress",
  "members.import.counts",
  "members.import.status.running",
  "members.import.status.done",
  "members.import.status.failed",
  "members.import.status.cancelled",
  "members.import.status.stalled",
  "members.import.cancel",
  "members.import.cancelConfirm",
  "members.import.cancelYes",
  "members.import.keepGoing",
  "members.import.download",
] as const satisfies readonly MessageKey[];
export type MemberImportLabels = Record<(typeof MEMBER_IMPORT_KEYS)[number], string>;

/** The token issue form's; the "issued" note names the post's holder, so it is translated apart and passed as `issued`. */
export const ISSUE_TOKEN_KEYS = [
  "members.tokens.labelField",
  "members.tokens.labelPlaceholder",
  "members.tokens.issue",
  "members.tokens.issuing",
  "members.tokens.copy",
  "members.tokens.copied",
] as const satisfies readonly MessageKey[];
export type IssueTokenLabels = Record<(typeof ISSUE_TOKEN_KEYS)[number], string>;

/** The revoke button's; its question names the token and holder, so it is translated apart and passed as `confirm`. */
export const REVOKE_TOKEN_KEYS = ["members.tokens.revoke", "members.tokens.revokeYes", "members.tokens.keep"] as const satisfies readonly MessageKey[];
export type RevokeTokenLabels = Record<(typeof REVOKE_TOKEN_KEYS)[number], string>;
