"use client";

import {
  createContext,
  startTransition,
  useActionState,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
} from "react";
import type { ActionResult } from "@/lib/errors";

const FlashContext = createContext<(message: string) => void>(() => {});

/** Keeps the last success message on screen while the page refreshes (the form that sent it may vanish). */
export function FlashProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<string | null>(null);
  return (
    <FlashContext.Provider value={setMessage}>
      <div aria-live="polite" role="status" className="empty:hidden">
        {message ? <p className="mb-4 rounded-md border border-green-200 bg-green-50 p-3 text-sm font-semibold text-ok" data-testid="flash">{message}</p> : null}
      </div>
      {children}
    </FlashContext.Provider>
  );
}

/**
 * Submits through the action without React's automatic form reset, so that a refused form keeps what the
 * person typed (on a phone, retyping a name and a number is the difference between using it and not).
 * A successful submission resets the form and puts its message in the page's flash: the message is set from
 * inside the action, because the refresh that follows may unmount the form that sent it (a replaced holder's
 * card disappears with its forms).
 */
export function useFormAction<T>(action: (prev: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>) {
  const flash = useContext(FlashContext);
  const withFlash = useCallback(
    async (prev: ActionResult<T> | null, form: FormData) => {
      const result = await action(prev, form);
      if (result.ok && result.message) flash(result.message);
      return result;
    },
    [action, flash],
  );
  const [state, dispatch, pending] = useActionState(withFlash, null);
  const ref = useRef<HTMLFormElement>(null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
    startTransition(() => dispatch(data));
  };
  useEffect(() => {
    if (state?.ok) ref.current?.reset();
  }, [state]);
  return { state, onSubmit, pending, ref };
}

/** The form's own message: errors announced at once, next to the form. */
export function FormMessage({ state, id }: { state: ActionResult<unknown> | null; id: string }) {
  return (
    <div id={id} aria-live="assertive" className="empty:hidden">
      {state && !state.ok ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-bad" data-testid="form-error">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}

export const inputCls =
  "mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base aria-[invalid=true]:border-bad focus:border-brand-600";
export const buttonCls =
  "inline-flex min-h-11 items-center justify-center rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60";
export const secondaryButtonCls =
  "inline-flex min-h-11 items-center justify-center rounded-md border border-stone-300 bg-white px-4 py-2 font-semibold hover:bg-stone-100";

/** A labelled input with its hint and error, tied together with aria-describedby. */
export function Field({
  id,
  name,
  label,
  hint,
  error,
  ...rest
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name">) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, error ? errorId : undefined].filter(Boolean).join(" ") || undefined}
        className={inputCls}
        {...rest}
      />
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-muted">
          {hint}
        </p>
      ) : null}
      <p id={errorId} aria-live="polite" className="mt-1 text-sm text-bad empty:hidden">
        {error ?? ""}
      </p>
    </div>
  );
}
