"use client";

import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction, type FormAction } from "@/components/ui/use-form-action";
import type { RevealedWorker } from "@/lib/appointments/reveal";
import type { Section } from "@/lib/appointments/posts";

export interface WorkerRevealLabels {
  button: string;
  working: string;
  note: string;
  /** With an `{id}` placeholder for the audit event. */
  done: string;
  phone: string;
  epic: string;
}

type Reveal = FormAction<RevealedWorker>;

/**
 * A worker's full phone and EPIC, shown only after a press of the button (never loaded with the page), each
 * press recorded in the audit trail; until then the page holds only the masked values.
 */
export function WorkerReveal({ action, section, workerId, labels }: { action: Reveal; section: Section; workerId: number; labels: WorkerRevealLabels }) {
  const { state, pending, form } = useFormAction(action, { reset: false });
  const data = state?.ok ? state.data : undefined;
  return (
    <div className="mt-2" aria-live="polite" data-testid="worker-reveal">
      {!data ? (
        <form {...form}>
          <input type="hidden" name="section" value={section} />
          <input type="hidden" name="workerId" value={workerId} />
          <SubmitButton pending={pending} pendingLabel={labels.working} tone="outline" size="sm" className="min-h-11" title={labels.note}>
            {labels.button}
          </SubmitButton>
        </form>
      ) : null}
      <FormMessage state={state} compact className="mt-1 empty:hidden" />
      {data ? (
        <>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-muted">{labels.phone}</dt>
            <dd className="tabular-nums" data-testid="revealed-worker-phone">
              {data.phone}
            </dd>
            <dt className="text-muted">{labels.epic}</dt>
            <dd data-testid="revealed-worker-epic">{data.epic ?? "—"}</dd>
          </dl>
          <p className="mt-1 text-xs text-muted" data-testid="worker-reveal-audit">
            {labels.done.replace("{id}", String(data.auditId))}
          </p>
        </>
      ) : null}
    </div>
  );
}
