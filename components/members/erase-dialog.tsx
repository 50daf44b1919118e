"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import type { ActionResult } from "@/lib/errors";

interface Labels {
  title: string;
  button: string;
  dialogTitle: string;
  body: string;
  reason: string;
  confirm: string;
  working: string;
  cancel: string;
}

type Erase = (prev: ActionResult<{ membershipNo: string }> | null, form: FormData) => Promise<ActionResult<{ membershipNo: string }>>;

/** Erasure asks twice: a button opens a modal dialog that needs a reason before the final button. */
export function EraseDialog({ action, membershipNo, labels }: { action: Erase; membershipNo: string; labels: Labels }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const [state, dispatch, pending] = useActionState<ActionResult<{ membershipNo: string }> | null, FormData>(action, null);
  useEffect(() => {
    if (state?.ok) {
      dialog.current?.close();
      router.replace(`/members?erased=${encodeURIComponent(state.data?.membershipNo ?? membershipNo)}`);
    }
  }, [state, router, membershipNo]);
  const reasonError = state && !state.ok ? state.fieldErrors?.reason : undefined;
  const formError = state && !state.ok && !reasonError ? state.message : undefined;
  return (
    <section className="rounded-lg border border-red-200 bg-white p-4 shadow-sm" aria-labelledby="erase-h">
      <h2 id="erase-h" className="mb-3 font-semibold">
        {labels.title}
      </h2>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="rounded-md border border-red-300 px-3 py-1.5 text-sm font-semibold text-bad hover:bg-red-50"
      >
        {labels.button}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="erase-dialog-h"
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-stone-200 p-0 shadow-xl backdrop:bg-black/40"
      >
        <form action={dispatch} className="space-y-3 p-5">
          <h3 id="erase-dialog-h" className="text-lg font-semibold">
            {labels.dialogTitle}
          </h3>
          <p className="text-sm">{labels.body}</p>
          <input type="hidden" name="membershipNo" value={membershipNo} />
          <div>
            <label htmlFor="erase-reason" className="block text-sm font-semibold">
              {labels.reason}
            </label>
            <textarea
              id="erase-reason"
              name="reason"
              required
              minLength={5}
              maxLength={500}
              rows={3}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? "erase-reason-error" : undefined}
              className="mt-1 block w-full rounded-md border border-stone-300 px-3 py-2 text-base"
            />
            <p id="erase-reason-error" aria-live="polite" className="min-h-5 text-sm font-semibold text-bad">
              {reasonError}
            </p>
          </div>
          {formError ? (
            <p role="alert" className="text-sm font-semibold text-bad">
              {formError}
            </p>
          ) : null}
          <div className="flex flex-wrap justify-end gap-3">
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="rounded-md border border-stone-300 px-3 py-1.5 text-sm font-semibold hover:bg-stone-100"
            >
              {labels.cancel}
            </button>
            <button type="submit" disabled={pending} className="rounded-md bg-bad px-3 py-1.5 text-sm font-semibold text-white hover:opacity-90 disabled:opacity-60">
              {pending ? labels.working : labels.confirm}
            </button>
          </div>
        </form>
      </dialog>
    </section>
  );
}
