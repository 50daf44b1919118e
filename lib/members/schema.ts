/**
 * zod schemas of the members forms (reveal, erase, enrolment tokens); their messages are catalog keys,
 * translated by defineAction into the reader's language. The book-entry form's schema is BookMember
 * (lib/members/enrol/validation.ts), shared with the API.
 */
import { z } from "zod";
import { MEMBERSHIP_NO_PATTERN } from "@/lib/members/query";

const MembershipNo = z.string({ error: "members.reveal.notFound" }).trim().regex(MEMBERSHIP_NO_PATTERN, { error: "members.reveal.notFound" });

const positiveId = z.coerce.number({ error: "action.field.invalid" }).int({ error: "action.field.invalid" }).positive({ error: "action.field.invalid" });

export const revealSchema = z.object({ membershipNo: MembershipNo });

export const eraseSchema = z.object({
  membershipNo: MembershipNo,
  reason: z
    .string({ error: "members.erase.reasonInvalid" })
    .transform((s) => s.normalize("NFC").trim().replace(/\s+/g, " "))
    .pipe(z.string().min(5, { error: "members.erase.reasonInvalid" }).max(500, { error: "members.erase.reasonInvalid" })),
});

export const TOKEN_LABEL_MAX = 80;

export const issueTokenSchema = z.object({
  appointmentId: positiveId,
  label: z.string({ error: "action.field.invalid" }).max(TOKEN_LABEL_MAX, { error: "members.tokens.labelTooLong" }).optional(),
});

export const revokeTokenSchema = z.object({ tokenId: positiveId });
