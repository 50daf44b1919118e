import type { ActionResult } from "@/lib/errors";

/**
 * The form's own message, next to the form: a refusal is an alert (announced at once); a success is shown
 * here only with `showOk` (most forms put it in the page's flash instead, see `useFormAction`).
 * `message` replaces the result's text (a form that translates a code on the client).
 */
export function FormMessage({
  state,
  id,
  message,
  showOk = false,
  compact = false,
  className = "empty:hidden",
  testId = "form-error",
}: {
  state: ActionResult<unknown> | null | undefined;
  id?: string;
  message?: string | null;
  showOk?: boolean;
  /** Plain text instead of a box: for the small forms inside a table row or a panel. */
  compact?: boolean;
  className?: string;
  testId?: string;
}) {
  const failed = state ? !state.ok : message != null;
  const text = message ?? state?.message;
  return (
    <div id={id} aria-live="polite" className={className}>
      {failed && text ? (
        <p role="alert" className={compact ? "text-sm font-semibold text-bad" : "rounded-md border border-red-200 bg-red-50 p-3 text-sm font-semibold text-bad"} data-testid={testId}>
          {text}
        </p>
      ) : showOk && state?.ok && text ? (
        <p role="status" className={compact ? "text-sm font-semibold text-ok" : "rounded-md border border-green-200 bg-green-50 p-3 text-sm font-semibold text-ok"}>
          {text}
        </p>
      ) : null}
    </div>
  );
}
