"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/errors";

/** Deactivate (after a confirmation) or reactivate one user. */
export function ActiveToggle(props: {
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  userId: number;
  active: boolean;
  label: string;
  confirm: string;
}) {
  // Client-side wrapper: before hydration the button does nothing rather than deactivate without asking.
  const [state, formAction, pending] = useActionState((_prev: ActionResult | null, form: FormData) => props.action(null, form), null);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (props.active && !window.confirm(props.confirm)) e.preventDefault();
      }}
    >
      <input type="hidden" name="userId" value={props.userId} />
      <input type="hidden" name="active" value={props.active ? "false" : "true"} />
      <button type="submit" disabled={pending} className="rounded-md border border-stone-300 px-2 py-1 text-xs font-semibold hover:bg-stone-100">
        {props.label}
      </button>
      {state && !state.ok ? <span className="ml-2 text-xs text-bad">{state.message}</span> : null}
    </form>
  );
}
