"use client";

import { createContext, startTransition, useActionState, useCallback, useContext, useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { ActionResult } from "@/lib/errors";

const FlashContext = createContext<(message: string) => void>(() => {});

/** Keeps the last success message on screen while the page refreshes (the form that sent it may vanish). */
export function FlashProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<string | null>(null);
  return (
    <FlashContext.Provider value={setMessage}>
      <div aria-live="polite" role="status" className="empty:hidden">
        {message ? (
          <p className="mb-4 rounded-md border border-green-200 bg-green-50 p-3 text-sm font-semibold text-ok" data-testid="flash">
            {message}
          </p>
        ) : null}
      </div>
      {children}
    </FlashContext.Provider>
  );
}

export type FormAction<T> = (prev: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;

/**
 * Submits through the action without React's automatic form reset, so that a refused form keeps what the
 * person typed (on a phone, retyping a name and a number is the difference between using it and not).
 * A successful submission resets the form (unless `reset: false`) and puts its message in the page's flash,
 * when there is one: the message is set from inside the action, because the refresh that follows may unmount
 * the form that sent it (a replaced holder's card disappears with its forms).
 * `fresh: true` never sends the previous result back to the action (it may hold a one-time secret).
 * Spread `form` on the `<form>`: it also sets `action`, so that a press before hydration does nothing (a form
 * without one would send its fields, a password say, in a GET query string).
 */
export function useFormAction<T>(action: FormAction<T>, opts: { reset?: boolean; fresh?: boolean } = {}) {
  const flash = useContext(FlashContext);
  const { reset = true, fresh = false } = opts;
  const withFlash = useCallback(
    async (prev: ActionResult<T> | null, form: FormData) => {
      const result = await action(fresh ? null : prev, form);
      if (result.ok && result.message) flash(result.message);
      return result;
    },
    [action, flash, fresh],
  );
  const [state, dispatch, pending] = useActionState(withFlash, null);
  const ref = useRef<HTMLFormElement>(null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
    startTransition(() => dispatch(data));
  };
  useEffect(() => {
    if (reset && state?.ok) ref.current?.reset();
  }, [state, reset]);
  const errors: Record<string, string> = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return { state, pending, errors, onSubmit, ref, form: { ref, onSubmit, action: dispatch } };
}
