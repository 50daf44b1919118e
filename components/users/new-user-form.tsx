"use client";

import { useState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/errors";
import { ScopeFields, type ScopeOptions } from "@/components/users/scope-fields";

interface Props {
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  options: ScopeOptions;
  roleScopes: Record<string, readonly string[]>;
  labels: Record<string, string>;
}

/**
 * Not reset by React after a submission: that reset puts the DOM's selects back to their first option while
 * the component's state keeps the old role and level, which is how a form once showed "District" over a list
 * of Lok Sabha seats. Instead, after a user is added the whole form is mounted afresh; after a refusal
 * everything typed stays.
 */
export function NewUserForm({ action, options, roleScopes, labels }: Props) {
  const { state, pending, errors, form } = useFormAction(action, { reset: false });
  const [generation, setGeneration] = useState(0);
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state?.ok) setGeneration((g) => g + 1);
  }
  const typed = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form key={generation} {...form} className="grid gap-4 sm:grid-cols-2" noValidate>
      <Field id="email" name="email" label={labels.email} type="email" autoComplete="off" defaultValue={typed.email} error={errors.email} />
      <Field id="name" name="name" label={labels.name} defaultValue={typed.name} error={errors.name} />
      <ScopeFields
        options={options}
        roleScopes={roleScopes}
        labels={labels}
        initial={{ role: typed.role ?? "district_president", level: typed.scopeLevel ?? "district", unit: typed.unitId ?? "" }}
        errors={errors}
      />
      <Field id="password" name="password" label={labels.password} type="password" autoComplete="new-password" error={errors.password} />
      <div className="sm:col-span-2">
        <FormMessage state={state} showOk compact className="min-h-5" />
        <SubmitButton pending={pending} className="mt-2">
          {labels.create}
        </SubmitButton>
      </div>
    </form>
  );
}
