"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/errors";
import { submitWithoutReset } from "./new-user-form";
import { ScopeFields, type ScopeOptions } from "./scope-fields";

type Action<T = undefined> = (prev: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;

function Status({ state }: { state: ActionResult<unknown> | null }) {
  return (
    <p role="status" aria-live="polite" className={`min-h-5 text-sm font-semibold ${state?.ok ? "text-ok" : "text-bad"}`}>
      {state?.message ?? null}
    </p>
  );
}

/** Role and area of an existing user; saving a change signs them out everywhere. */
export function EditScopeForm(props: {
  action: Action;
  userId: number;
  options: ScopeOptions;
  roleScopes: Record<string, readonly string[]>;
  labels: Record<string, string>;
  current: { role: string; level: string; unit: string };
}) {
  const [state, formAction, pending] = useActionState(props.action, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="grid gap-4 sm:grid-cols-3" noValidate>
      <input type="hidden" name="userId" value={props.userId} />
      <ScopeFields idPrefix="edit-" options={props.options} roleScopes={props.roleScopes} labels={props.labels} initial={props.current} errors={errors} />
      <div className="sm:col-span-3">
        <Status state={state} />
        <button type="submit" disabled={pending} className="mt-2 rounded-md bg-brand-600 px-4 py-2 font-semibold text-white disabled:opacity-60">
          {props.labels.save}
        </button>
      </div>
    </form>
  );
}

/**
 * One button for a destructive action on a user (reset password, sign out everywhere), asking first. A
 * temporary password in the result is shown here once: it lives only in this component's state.
 */
export function ConfirmedUserAction(props: {
  action: Action<{ temporaryPassword: string }> | Action;
  userId: number;
  label: string;
  confirm: string;
  passwordLabel?: string;
}) {
  // A client-side wrapper on purpose: the previous result (which may hold a temporary password) is not sent
  // back to the server, and before hydration the button does nothing rather than act without asking.
  const run = props.action as Action<{ temporaryPassword: string }>;
  const [state, formAction, pending] = useActionState((_prev: ActionResult<{ temporaryPassword: string }> | null, form: FormData) => run(null, form), null);
  const temporary = state?.ok ? state.data?.temporaryPassword : undefined;
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (!window.confirm(props.confirm)) e.preventDefault();
      }}
      className="space-y-2"
    >
      <input type="hidden" name="userId" value={props.userId} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-stone-300 px-3 py-2 text-sm font-semibold hover:bg-stone-100 disabled:opacity-60"
      >
        {props.label}
      </button>
      <Status state={state} />
      {temporary ? (
        <p className="text-sm">
          <span className="font-semibold">{props.passwordLabel}: </span>
          <output data-testid="temporary-password" className="rounded bg-stone-100 px-2 py-1 font-mono text-base break-all select-all">
            {temporary}
          </output>
        </p>
      ) : null}
    </form>
  );
}
