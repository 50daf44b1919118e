"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { buttonClass } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction, type FormAction } from "@/components/ui/use-form-action";
import type { EraseLabels } from "@/lib/i18n/labels/members";

type Erase = FormAction<{ membershipNo: string }>;

/** Erasure asks twice: a button opens a modal dialog that needs a reason before the final button. */
export function EraseDialog({
  action,
  membershipNo,
  dialogTitle,
  labels,
}: {
  action: Erase;
  membershipNo: string;
  /** `members.erase.dialogTitle` with the member's number, translated on the server. */
  dialogTitle: string;
  labels: EraseLabels;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const { state, pending, errors, form } = useFormAction(action, { reset: false });
  useEffect(() => {
    if (state?.ok) {
      dialog.current?.close();
      router.replace(`/members?erased=${encodeURIComponent(state.data?.membershipNo ?? membershipNo)}`);
    }
  }, [state, router, membershipNo]);
  return (
    <section className="rounded-lg border border-red-200 bg-white p-4 shadow-sm" aria-labelledby="erase-h">
      <h2 id="erase-h" className="mb-3 font-semibold">
        {labels["members.erase.title"]}
      </h2>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className={buttonClass("dangerOutline", "sm")}
      >
        {labels["members.erase.button"]}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="erase-dialog-h"
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-stone-200 p-0 shadow-xl backdrop:bg-black/40"
      >
        <form {...form} className="space-y-3 p-5">
          <h3 id="erase-dialog-h" className="text-lg font-semibold">
            {dialogTitle}
          </h3>
          <p className="text-sm">{labels["members.erase.body"]}</p>
          <input type="hidden" name="membershipNo" value={membershipNo} />
          <TextareaField id="erase-reason" name="reason" label={labels["members.erase.reason"]} required minLength={5} maxLength={500} rows={3} error={errors.reason} reserve />
          {/* The reason's own error stands next to it; only another refusal is said here. */}
          <FormMessage state={errors.reason ? null : state} compact />
          <div className="flex flex-wrap justify-end gap-3">
            <button type="button" onClick={() => dialog.current?.close()} className={buttonClass("secondary", "sm")}>
              {labels["members.erase.cancel"]}
            </button>
            <SubmitButton pending={pending} pendingLabel={labels["members.erase.working"]} tone="danger" size="sm">
              {labels["members.erase.confirm"]}
            </SubmitButton>
          </div>
        </form>
      </dialog>
    </section>
  );
}
