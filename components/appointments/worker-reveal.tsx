"use client";

import { useActionState } from "react";
import type { RevealedWorker } from "@/lib/appointments/reveal";
import type { Section } from "@/lib/appointments/posts";
import type { ActionResult } from "@/lib/errors";

export interface WorkerRevealLabels {
  button: string;
  working: string;
  note: string;
  /** With an `{id}` placeholder for the audit event. */
  done: string;
  phone: string;
  epic: string;
}

type Reveal = (prev: ActionResult<RevealedWorker> | null, form: FormData) => Promise<ActionResult<RevealedWorker>>;

/**
 * A worker's full phone and EPIC, shown only after a press of the button (never loaded with the page), each
 * press recorded in the audit trail; until then the page holds only the masked values.
 */
export function WorkerReveal({ action, section, workerId, labels }: { action: Reveal; section: Section; workerId: number; labels: WorkerRevealLabels }) {
  const [state, dispatch, pending] = useActionState<ActionResult<RevealedWorker> | null, FormData>(action, null);
  const data = state?.ok ? state.data : undefined;
  return (
    <div className="mt-2" aria-live="polite" data-testid="worker-reveal">
      {!data ? (
        <form action={dispatch}>
          <input type="hidden" name="section" value={section} />
          <input type="hidden" name="workerId" value={workerId} />
          <button
            type="submit"
            disabled={pending}
            title={labels.note}
            className="inline-flex min-h-11 items-center rounded-md border border-brand-600 px-3 text-sm font-semibold text-brand-700 hover:bg-brand-50 disabled:opacity-60"
          >
            {pending ? labels.working : labels.button}
          </button>
        </form>
      ) : null}
      {state && !state.ok ? (
        <p role="alert" className="mt-1 text-sm font-semibold text-bad">
          {state.message}
        </p>
      ) : null}
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
