"use client";

import { useActionState, useId, useState } from "react";
import type { ActionResult } from "@/lib/errors";
import { fill } from "@/lib/progress/display";
import { setTarget } from "@/lib/targets/actions";

export interface TargetFormLabels {
  input: string;
  save: string;
  saving: string;
  /** Catalog key → message, for the field errors the schema returns as keys. */
  errors: Record<string, string>;
}

/** Sets one unit's target: a whole number above zero, with the error next to the field. */
export function TargetForm({
  level,
  unitId,
  unitLabel,
  current,
  labels,
}: {
  level: string;
  unitId: number;
  unitLabel: string;
  current: number | null;
  labels: TargetFormLabels;
}) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(setTarget, null);
  const [value, setValue] = useState(current === null ? "" : String(current));
  const inputId = useId();
  const messageId = useId();
  const fieldError = state && !state.ok ? (state.fieldErrors?.members ?? state.fieldErrors?.level ?? state.fieldErrors?.unitId) : undefined;
  const error = state && !state.ok ? (fieldError ? (labels.errors[fieldError] ?? fieldError) : state.message) : null;
  return (
    <form action={action} className="flex flex-wrap items-start gap-x-2 gap-y-1" data-testid={`target-form-${level}-${unitId}`}>
      <input type="hidden" name="level" value={level} />
      <input type="hidden" name="unitId" value={unitId} />
      <label htmlFor={inputId} className="sr-only">
        {fill(labels.input, { unit: unitLabel })}
      </label>
      <input
        id={inputId}
        name="members"
        inputMode="numeric"
        autoComplete="off"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={messageId}
        className={`w-28 rounded-md border px-2 py-1 text-right tabular-nums ${error ? "border-bad" : "border-stone-300"}`}
      />
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1 text-sm font-semibold text-white disabled:opacity-60">
        {pending ? labels.saving : labels.save}
      </button>
      <p id={messageId} aria-live="polite" className={`w-full text-xs ${error ? "text-bad" : "text-ok"}`}>
        {error ?? (state?.ok ? state.message : "")}
      </p>
    </form>
  );
}
