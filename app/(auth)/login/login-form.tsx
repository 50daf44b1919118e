"use client";

import { useActionState } from "react";
import { login, type LoginState } from "./actions";

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
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <div>
        <label htmlFor="email" className="block text-sm font-semibold">
          {labels.email}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          aria-describedby={error ? "login-error" : undefined}
          className="mt-1 block w-full rounded-md border border-stone-300 px-3 py-2 text-base"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-semibold">
          {labels.password}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-describedby={error ? "login-error" : undefined}
          className="mt-1 block w-full rounded-md border border-stone-300 px-3 py-2 text-base"
        />
      </div>
      <p id="login-error" role="alert" aria-live="polite" className="min-h-5 text-sm font-semibold text-bad">
        {error}
      </p>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? labels.submitting : labels.submit}
      </button>
    </form>
  );
}
