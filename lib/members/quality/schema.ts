/**
 * zod schemas of the review queue's forms; their messages are catalog keys, translated by defineAction. The
 * selection arrives as repeated `memberId` fields (one per ticked row); the decision as the pressed button's
 * `decision`. A note is required to void and to restore (it stays with the decision in the audit trail).
 */
import { z } from "zod";

/** At most this many members per decision (a page of the queue is 50). */
export const DECIDE_MAX = 200;

const memberIds = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.coerce.number({ error: "action.field.invalid" }).int({ error: "action.field.invalid" }).positive({ error: "action.field.invalid" }))
    .min(1, { error: "quality.error.noneSelected" })
    .max(DECIDE_MAX, { error: "quality.error.tooMany" }),
);

const cleanText = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ");
const requiredNote = z
  .string({ error: "quality.error.note" })
  .transform(cleanText)
  .pipe(z.string().min(5, { error: "quality.error.note" }).max(500, { error: "quality.error.note" }));
const optionalNote = z
  .string({ error: "quality.error.note" })
  .optional()
  .transform((s) => cleanText(s ?? ""))
  .pipe(z.string().max(500, { error: "quality.error.note" }));

/** When the reviewer's page read the queue (ISO time); a confirm closes no flag newer than that. */
const asOf = z.iso.datetime({ offset: true, error: "action.field.invalid" }).optional();

/** Confirm (the note may be empty) or void (a note of 5–500 characters). */
export const decideSchema = z
  .object({
    decision: z.enum(["confirm", "void"], { error: "action.field.invalid" }),
    memberId: memberIds,
    note: optionalNote,
    asOf,
  })
  .superRefine((v, ctx) => {
    if (v.decision === "void" && v.note.length < 5) ctx.addIssue({ code: "custom", path: ["note"], message: "quality.error.note" });
  });

/** Restore voided members (leadership), with a note. */
export const restoreSchema = z.object({ memberId: memberIds, note: requiredNote });

/** Suspend an enroller's token from the scorecards. */
export const suspendSchema = z.object({
  tokenId: z.coerce.number({ error: "action.field.invalid" }).int({ error: "action.field.invalid" }).positive({ error: "action.field.invalid" }),
});
