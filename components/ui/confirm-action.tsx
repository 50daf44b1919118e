"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction, type FormAction } from "@/components/ui/use-form-action";

/**
 * A destructive action on one row that asks once more before anything is written: the button opens a short
 * confirmation (`confirm`, naming what will happen), whose form posts `fields` to `action`. Afterwards the page
 * is loaded afresh at `doneHref` (which carries the confirmation), since the row has changed. Revoking a token
 * and suspending an enroller's token both use it.
 */
export function ConfirmAction<T>({
  action,
  fields,
  confirm,
  labels,
  doneHref,
  testId,
}: {
  action: FormAction<T>;
  /** Hidden fields the form sends (the row's id). */
  fields: Record<string, string | number>;
  confirm: string;
  labels: { trigger: string; yes: string; keep: string };
  doneHref: string;
  testId?: string;
}) {
  const [asking, setAsking] = useState(false);
  const { state, pending, form } = useFormAction(action, { reset: false });
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.replace(doneHref);
  }, [state, router, doneHref]);
  return (
    <div aria-live="polite" className="min-w-40">
      <FormMessage state={state} showOk compact />
      {state?.ok ? null : asking ? (
        <form {...form} className="space-y-2" role="group" aria-label={labels.trigger}>
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <p className="text-sm">{confirm}</p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton pending={pending} tone="danger" size="sm">
              {labels.yes}
            </SubmitButton>
            <button type="button" onClick={() => setAsking(false)} className={buttonClass("secondary", "sm")}>
              {labels.keep}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" onClick={() => setAsking(true)} className={buttonClass("dangerOutline", "sm")} data-testid={testId}>
          {labels.trigger}
        </button>
      )}
    </div>
  );
}
