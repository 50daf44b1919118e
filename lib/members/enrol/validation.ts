import { z } from "zod";
import { isValidEpic, normaliseEpic, normalisePhone, PHONE_PATTERN } from "@/lib/validation/identity";
import { isWellFormedText } from "@/lib/validation/text";

/**
 * One definition of a valid sign-up, shared by the enrolment API, the paper-book form and the bulk import.
 * Messages are catalog keys (lib/i18n/messages/members.ts), so each caller can answer in its own language.
 */

export const BOOTH_CODE_PATTERN = /^[0-9]{3}-[0-9]{3,4}$/;
export const MAX_PHOTO_BYTES = 200 * 1024;

// Control and bidi-override characters have no place in names and addresses; they are how
// terminal-escape and invisible-text tricks arrive.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const text = (max: number, key: string) =>
  z
    .string({ error: `members.invalid.${key}` })
    .transform((s) => s.normalize("NFC").trim().replace(/\s+/g, " "))
    .pipe(
      z
        .string()
        .refine(isWellFormedText, { error: "text.illFormed", abort: true })
        .min(1, { error: `members.invalid.${key}` })
        .max(max, { error: `members.invalid.${key}Long` })
        .refine((s) => !CONTROL.test(s), { error: `members.invalid.${key}` }),
    );

const optionalText = (max: number, key: string) =>
  z
    .string({ error: `members.invalid.${key}` })
    .transform((s) => s.normalize("NFC").trim().replace(/\s+/g, " "))
    .pipe(
      z
        .string()
        .refine(isWellFormedText, { error: "text.illFormed", abort: true })
        .max(max, { error: `members.invalid.${key}Long` })
        .refine((s) => !CONTROL.test(s), { error: `members.invalid.${key}` }),
    )
    .optional()
    .transform((s) => (s ? s : undefined));

/** A JPEG under 200 KB, sent as base64 (optionally as a data: URL). */
export function decodePhoto(b64: string): Uint8Array | null {
  const body = b64.replace(/^data:image\/jpeg;base64,/, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0) return null;
  const bytes = Buffer.from(body, "base64");
  const isJpeg = bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  return isJpeg ? new Uint8Array(bytes) : null;
}

const photo = z
  .string({ error: "members.invalid.photo" })
  .max(Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 64, { error: "members.invalid.photoLarge" })
  .transform((s, ctx) => {
    const bytes = decodePhoto(s);
    if (!bytes) {
      ctx.addIssue({ code: "custom", message: "members.invalid.photo" });
      return z.NEVER;
    }
    if (bytes.length > MAX_PHOTO_BYTES) {
      ctx.addIssue({ code: "custom", message: "members.invalid.photoLarge" });
      return z.NEVER;
    }
    return bytes;
  });

const memberFields = {
  epic: z
    .string({ error: "members.invalid.epic" })
    .max(40, { error: "members.invalid.epic" })
    .transform(normaliseEpic)
    .refine(isValidEpic, { error: "members.invalid.epic" }),
  name: text(100, "name"),
  relativeName: optionalText(100, "relativeName"),
  gender: z.enum(["F", "M", "O"], { error: "members.invalid.gender" }),
  phone: z
    .string({ error: "members.invalid.phone" })
    .max(20, { error: "members.invalid.phone" })
    .transform(normalisePhone)
    .refine((p) => PHONE_PATTERN.test(p), { error: "members.invalid.phone" }),
  address: text(300, "address"),
  religion: text(50, "religion"),
  caste: text(80, "caste"),
  casteCategory: z.enum(["SC", "ST", "OBC", "GEN"], { error: "members.invalid.casteCategory" }),
  boothCode: z
    .string({ error: "members.invalid.boothCode" })
    .trim()
    .regex(BOOTH_CODE_PATTERN, { error: "members.invalid.boothCode" }),
  consentVersion: z
    .string({ error: "members.invalid.consentVersion" })
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,20}$/, { error: "members.invalid.consentVersion" }),
  consentLang: z.enum(["hi", "en"], { error: "members.invalid.consentLang" }).optional(),
};

/** The JSON body of `POST /api/v1/members` (strict types: a number must be a number). */
export const ApiMember = z.strictObject(
  {
    ...memberFields,
    age: z
      .number({ error: "members.invalid.age" })
      .int({ error: "members.invalid.age" })
      .min(18, { error: "members.invalid.age" })
      .max(120, { error: "members.invalid.age" }),
    photo: photo.optional(),
    consent: z.literal(true, { error: "members.invalid.consent" }),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? "members.invalid.unknownField" : undefined) },
);
export type ApiMemberInput = z.infer<typeof ApiMember>;

/** The paper-book form (FormData: numbers arrive as text; the consent box as "on"). */
export const BookMember = z.object({
  ...memberFields,
  age: z.coerce
    .number({ error: "members.invalid.age" })
    .int({ error: "members.invalid.age" })
    .min(18, { error: "members.invalid.age" })
    .max(120, { error: "members.invalid.age" }),
  consent: z.literal("on", { error: "members.invalid.consent" }),
  bookNo: z
    .string({ error: "members.invalid.bookNo" })
    .trim()
    .regex(/^[A-Za-z0-9/-]{1,20}$/, { error: "members.invalid.bookNo" }),
  pageNo: z.coerce
    .number({ error: "members.invalid.pageNo" })
    .int({ error: "members.invalid.pageNo" })
    .min(1, { error: "members.invalid.pageNo" })
    .max(10_000, { error: "members.invalid.pageNo" }),
});
export type BookMemberInput = z.infer<typeof BookMember>;

/** What enrolment needs, whichever way the member arrived. */
export interface MemberInput {
  epic: string;
  name: string;
  relativeName?: string;
  gender: "F" | "M" | "O";
  age: number;
  phone: string;
  address: string;
  religion: string;
  caste: string;
  casteCategory: "SC" | "ST" | "OBC" | "GEN";
  boothCode: string;
  photo?: Uint8Array;
  consentVersion: string;
  consentLang?: "hi" | "en";
}
