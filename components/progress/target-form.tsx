"use client";

import { useId, useState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction } from "@/components/ui/use-form-action";
import { fill } from "@/lib/progress/display";
import { setTarget } from "@/lib/targets/actions";

export interface TargetFormLabels {
  input: string;
  /** The field's name on a phone's card ("New target"). */
  newTarget: string;
  save: string;
  saving: string;
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
  // Not reset after a save: the field shows the target just saved.
  const { state, pending, errors, form } = useFormAction(setTarget, { reset: false });
  const [value, setValue] = useState(current === null ? "" : String(current));
  const inputId = useId();
  const messageId = useId();
  // Field errors arrive translated; the one to show next to the field, else the action's own message.
  const error = state && !state.ok ? (errors.members ?? errors.level ?? errors.unitId ?? state.message) : null;
  return (
    <form {...form} className="flex flex-wrap items-start gap-x-2 gap-y-1 max-sm:justify-end" data-testid={`target-form-${level}-${unitId}`}>
      <input type="hidden" name="level" value={level} />
      <input type="hidden" name="unitId" value={unitId} />
      <Field
        id={inputId}
        name="members"
        label={fill(labels.input, { unit: unitLabel })}
        labelHidden
        compact
        inputClassName="w-28 text-right tabular-nums max-sm:min-h-11"
        inputMode="numeric"
        autoComplete="off"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        invalid={Boolean(error)}
        describedBy={messageId}
      />
      <SubmitButton pending={pending} pendingLabel={labels.saving} size="sm">
        {labels.save}
      </SubmitButton>
      <FormMessage state={state} message={error} showOk compact id={messageId} className="w-full" />
    </form>
  );
}
