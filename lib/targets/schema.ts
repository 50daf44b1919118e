import { z } from "zod";
import { GEO_LEVELS } from "@/lib/geo/levels";

/** The largest target a unit can have (ten crore: well above any state's electorate). */
export const TARGET_MAX = 100_000_000;

/**
 * Messages are catalog keys: the form shows them in the reader's language (see components/progress/target-form).
 * A target is a whole number above zero; "12,500" and "12 500" are read as 12500, as people type them.
 */
export const setTargetSchema = z.object({
  level: z.enum(GEO_LEVELS, { message: "progress.targets.errUnit" }),
  unitId: z.coerce.number({ message: "progress.targets.errUnit" }).int({ message: "progress.targets.errUnit" }).positive({ message: "progress.targets.errUnit" }),
  members: z
    .string({ message: "progress.targets.errRequired" })
    .transform((s) => s.replace(/[\s,]/g, ""))
    .pipe(z.string().min(1, { message: "progress.targets.errRequired", abort: true }).regex(/^[0-9]+$/, { message: "progress.targets.errWhole" }))
    .transform(Number)
    .pipe(
      z
        .number()
        .int({ message: "progress.targets.errWhole" })
        .min(1, { message: "progress.targets.errPositive" })
        .max(TARGET_MAX, { message: "progress.targets.errTooLarge" }),
    ),
});

export type SetTargetInput = z.infer<typeof setTargetSchema>;
