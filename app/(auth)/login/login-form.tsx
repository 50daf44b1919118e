"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { login, type LoginState } from "@/lib/auth/actions";
import type { LoginLabels } from "@/lib/i18n/labels/auth";

export function LoginForm({ next, labels }: { next: string; labels: LoginLabels }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(login, {});
  const error = state.error === "tooMany" ? labels["login.tooMany"] : state.error === "invalid" ? labels["login.invalid"] : null;
  const describedBy = error ? "login-error" : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <Field id="email" name="email" label={labels["login.email"]} type="email" autoComplete="username" required defaultValue={state.email} describedBy={describedBy} />
      <Field id="password" name="password" label={labels["login.password"]} type="password" autoComplete="current-password" required describedBy={describedBy} />
      <FormMessage state={null} message={error} id="login-error" compact className="min-h-5" />
      <SubmitButton pending={pending} pendingLabel={labels["login.submitting"]} className="w-full">
        {labels["login.submit"]}
      </SubmitButton>
    </form>
  );
}
