"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { login, type LoginState } from "@/lib/auth/actions";

interface Labels {
  email: string;
  password: string;
  submit: string;
  submitting: string;
  invalid: string;
  tooMany: string;
}

export function LoginForm({ next, labels }: { next: string; labels: Labels }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(login, {});
  const error = state.error === "tooMany" ? labels.tooMany : state.error === "invalid" ? labels.invalid : null;
  const describedBy = error ? "login-error" : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <Field id="email" name="email" label={labels.email} type="email" autoComplete="username" required defaultValue={state.email} describedBy={describedBy} />
      <Field id="password" name="password" label={labels.password} type="password" autoComplete="current-password" required describedBy={describedBy} />
      <FormMessage state={null} message={error} id="login-error" compact className="min-h-5" />
      <SubmitButton pending={pending} pendingLabel={labels.submitting} className="w-full">
        {labels.submit}
      </SubmitButton>
    </form>
  );
}
