"use client";

import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction, type FormAction } from "@/components/ui/use-form-action";

/** Deactivate (after a confirmation) or reactivate one user. */
export function ActiveToggle(props: { action: FormAction<undefined>; userId: number; active: boolean; label: string; confirm: string }) {
  // Before hydration the button does nothing rather than deactivate without asking.
  const { state, pending, form } = useFormAction(props.action, { fresh: true, reset: false });
  return (
    <form
      {...form}
      onSubmit={(e) => {
        if (props.active && !window.confirm(props.confirm)) e.preventDefault();
        else form.onSubmit(e);
      }}
    >
      <input type="hidden" name="userId" value={props.userId} />
      <input type="hidden" name="active" value={props.active ? "false" : "true"} />
      <SubmitButton pending={pending} tone="secondary" size="xs">
        {props.label}
      </SubmitButton>
      <FormMessage state={state} compact />
    </form>
  );
}
