"use client";

import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction, type FormAction } from "@/components/ui/use-form-action";
import { ScopeFields, type ScopeOptions } from "@/components/users/scope-fields";

/** Role and area of an existing user; saving a change signs them out everywhere. */
export function EditScopeForm(props: {
  action: FormAction<{ changed: boolean }>;
  userId: number;
  options: ScopeOptions;
  roleScopes: Record<string, readonly string[]>;
  labels: Record<string, string>;
  current: { role: string; level: string; unit: string };
}) {
  // Not reset after a save: the form shows the role and area just saved.
  const { state, pending, errors, form } = useFormAction(props.action, { reset: false });
  return (
    <form {...form} className="grid gap-4 sm:grid-cols-3" noValidate>
      <input type="hidden" name="userId" value={props.userId} />
      <ScopeFields idPrefix="edit-" options={props.options} roleScopes={props.roleScopes} labels={props.labels} initial={props.current} errors={errors} />
      <div className="sm:col-span-3">
        <FormMessage state={state} showOk compact className="min-h-5" />
        <SubmitButton pending={pending} className="mt-2">
          {props.labels.save}
        </SubmitButton>
      </div>
    </form>
  );
}

/**
 * One button for a destructive action on a user (reset password, sign out everywhere), asking first. A
 * temporary password in the result is shown here once: it lives only in this component's state.
 */
export function ConfirmedUserAction(props: {
  action: FormAction<{ temporaryPassword: string }> | FormAction<undefined>;
  userId: number;
  label: string;
  confirm: string;
  passwordLabel?: string;
}) {
  // The previous result (which may hold a temporary password) is never sent back to the server, and before
  // hydration the button does nothing rather than act without asking.
  const { state, pending, form } = useFormAction(props.action as FormAction<{ temporaryPassword: string }>, { fresh: true, reset: false });
  const temporary = state?.ok ? state.data?.temporaryPassword : undefined;
  return (
    <form
      {...form}
      onSubmit={(e) => {
        if (window.confirm(props.confirm)) form.onSubmit(e);
        else e.preventDefault();
      }}
      className="space-y-2"
    >
      <input type="hidden" name="userId" value={props.userId} />
      <SubmitButton pending={pending} tone="secondary" size="sm">
        {props.label}
      </SubmitButton>
      <FormMessage state={state} showOk compact className="min-h-5" />
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

