"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import type { ActionResult } from "@/lib/errors";
import { ScopeFields, type ScopeOptions } from "./scope-fields";

interface Props {
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  options: ScopeOptions;
  roleScopes: Record<string, readonly string[]>;
  labels: Record<string, string>;
}

/**
 * Submits without React's automatic form reset: that reset puts the DOM's selects back to their first
 * option while the component's state keeps the old role and level, which is how a form once showed
 * "District" over a list of Lok Sabha seats. Instead, after a user is added the whole form is mounted
 * afresh; after a refusal everything typed stays.
 */
export function submitWithoutReset(dispatch: (form: FormData) => void) {
  return (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    startTransition(() => dispatch(form));
  };
}

export function NewUserForm({ action, options, roleScopes, labels }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const [generation, setGeneration] = useState(0);
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state?.ok) setGeneration((g) => g + 1);
  }
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const typed = state && !state.ok ? (state.values ?? {}) : {};
  const field = (name: string) => ({
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${name}-error` : undefined,
  });
  const err = (name: string) =>
    errors[name] ? (
      <p id={`${name}-error`} className="mt-1 text-sm text-bad">
        {errors[name]}
      </p>
    ) : null;
  const input = "mt-1 block w-full rounded-md border border-stone-300 px-3 py-2";
  return (
    <form key={generation} action={formAction} onSubmit={submitWithoutReset(formAction)} className="grid gap-4 sm:grid-cols-2" noValidate>
      <div>
        <label htmlFor="email" className="text-sm font-semibold">{labels.email}</label>
        <input id="email" name="email" type="email" autoComplete="off" defaultValue={typed.email} className={input} {...field("email")} />
        {err("email")}
      </div>
      <div>
        <label htmlFor="name" className="text-sm font-semibold">{labels.name}</label>
        <input id="name" name="name" defaultValue={typed.name} className={input} {...field("name")} />
        {err("name")}
      </div>
      <ScopeFields
        options={options}
        roleScopes={roleScopes}
        labels={labels}
        initial={{ role: typed.role ?? "district_president", level: typed.scopeLevel ?? "district", unit: typed.unitId ?? "" }}
        errors={errors}
      />
      <div>
        <label htmlFor="password" className="text-sm font-semibold">{labels.password}</label>
        <input id="password" name="password" type="password" autoComplete="new-password" className={input} {...field("password")} />
        {err("password")}
      </div>
      <div className="sm:col-span-2">
        <p role="status" aria-live="polite" className={`min-h-5 text-sm font-semibold ${state?.ok ? "text-ok" : "text-bad"}`}>
          {state?.message ?? null}
        </p>
        <button type="submit" disabled={pending} className="mt-2 rounded-md bg-brand-600 px-4 py-2 font-semibold text-white disabled:opacity-60">
          {labels.create}
        </button>
      </div>
    </form>
  );
}
