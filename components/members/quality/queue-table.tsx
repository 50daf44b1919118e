"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, Td, tdCls, Th } from "@/components/ui/table";
import { useFormAction, type FormAction } from "@/components/ui/use-form-action";
import type { QueueTableLabels } from "@/lib/i18n/labels/quality";

/** A queue row as the table shows it: every text already translated on the server. */
export interface QueueTableRow {
  id: number;
  membershipNo: string;
  /** Link to the member's page (null once void: the page is gone with the data). */
  href: string | null;
  name: string;
  place: string;
  placeDetail: string;
  enroller: string;
  reasons: { code: string; label: string; words: string; decided: string | null }[];
  flaggedAt: string;
}

type Decide = FormAction<{ decided: number; asked: number }>;

/**
 * The queue's table with its decisions: tick rows (or all on this page), write a note, then Confirm genuine or
 * Void (which asks again in a dialog: it erases personal data) — or, in the voided view, Restore. Without a
 * decision to offer (`mode = "none"`) it is a plain table.
 */
export function QueueTable({
  rows,
  labels,
  mode,
  asOf,
  action,
}: {
  rows: QueueTableRow[];
  labels: QueueTableLabels;
  mode: "decide" | "restore" | "none";
  /** When the page read the queue (ISO): sent with the decision. */
  asOf: string;
  action?: Decide;
}) {
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const dialog = useRef<HTMLDialogElement>(null);
  const noAction: Decide = async () => ({ ok: false, code: "forbidden", message: "" });
  const { state, pending, errors, form } = useFormAction(action ?? noAction);
  // A new answer: after a success the decided rows are gone, so the selection is cleared (adjusted while
  // rendering, React's way for state that follows another).
  const [answered, setAnswered] = useState(state);
  if (state !== answered) {
    setAnswered(state);
    if (state?.ok) setSelected(new Set());
  }
  // Either way the dialog closes: a refused void shows its message under the note, where it can be read.
  useEffect(() => {
    if (state) dialog.current?.close();
  }, [state]);

  const selectable = mode !== "none";
  const allOn = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: number, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const toggleAll = (on: boolean) => setSelected(on ? new Set(rows.map((r) => r.id)) : new Set());
  const selectionError = errors.memberId ?? Object.entries(errors).find(([k]) => k.startsWith("memberId."))?.[1];

  const table = (
    <Table
      cards
      label={labels["quality.table"]}
      caption={labels["quality.table"]}
      testId="quality-table"
      head={
        <tr>
          {selectable ? (
            <Th className="w-10">
              <span className="sr-only">{labels["quality.col.select"]}</span>
            </Th>
          ) : null}
          <Th>{labels["quality.col.no"]}</Th>
          <Th>{labels["quality.col.name"]}</Th>
          <Th>{labels["quality.col.place"]}</Th>
          <Th>{labels["quality.col.enroller"]}</Th>
          <Th>{labels["quality.col.reasons"]}</Th>
          <Th>{labels["quality.col.flagged"]}</Th>
        </tr>
      }
    >
      {rows.map((r) => (
        <tr key={r.id} data-testid="quality-row" data-member={r.membershipNo} className={selected.has(r.id) ? "bg-brand-50" : undefined}>
          {selectable ? (
            <td className={tdCls}>
              {/* The box's own label is for screen readers; the cell around it is the 44 px target a thumb hits. */}
              <label className="-m-2 inline-flex min-h-11 min-w-11 items-center justify-center">
                <input
                  type="checkbox"
                  name="memberId"
                  value={r.id}
                  checked={selected.has(r.id)}
                  onChange={(e) => toggle(r.id, e.target.checked)}
                  aria-label={labels["quality.selectRow"].replace("{no}", r.membershipNo)}
                  className="size-5 accent-brand-600"
                />
              </label>
            </td>
          ) : null}
          <Td label={labels["quality.col.no"]} className="whitespace-nowrap tabular-nums">
            {r.href ? (
              <Link href={r.href} className="font-semibold text-brand-700 underline">
                {r.membershipNo}
              </Link>
            ) : (
              <span className="font-semibold">{r.membershipNo}</span>
            )}
          </Td>
          <Td label={labels["quality.col.name"]} className="whitespace-nowrap">
            {r.name}
          </Td>
          <Td label={labels["quality.col.place"]} className="sm:min-w-40">
            <span>
              <span className="tabular-nums">{r.place}</span>
              <span className="block text-xs text-muted">{r.placeDetail}</span>
            </span>
          </Td>
          <Td label={labels["quality.col.enroller"]} className="sm:min-w-32">
            {r.enroller}
          </Td>
          <Td label={labels["quality.col.reasons"]} className="sm:min-w-72">
            <ul className="space-y-1.5 text-left">
              {r.reasons.map((x) => (
                <li key={x.code} data-testid="quality-reason" data-reason={x.code}>
                  <Badge tone={x.code === "disowned" ? "bad" : "warn"}>{x.label}</Badge> <span>{x.words}</span>
                  {x.decided ? <span className="block text-xs text-muted">{x.decided}</span> : null}
                </li>
              ))}
            </ul>
          </Td>
          <Td label={labels["quality.col.flagged"]} className="whitespace-nowrap">
            {r.flaggedAt}
          </Td>
        </tr>
      ))}
    </Table>
  );

  if (!selectable || !action) return table;

  return (
    <form {...form} className="space-y-3" aria-describedby="quality-form-message">
      <input type="hidden" name="asOf" value={asOf} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <label className="flex min-h-11 items-center gap-2 text-sm font-semibold">
          <input type="checkbox" checked={allOn} onChange={(e) => toggleAll(e.target.checked)} className="size-5 accent-brand-600" data-testid="quality-select-all" />
          {labels["quality.selectAll"]}
        </label>
        <span className="text-sm text-muted" aria-live="polite" data-testid="quality-selected">
          {labels["quality.selected"].replace("{n}", String(selected.size))}
        </span>
      </div>
      {table}
      {selectionError ? (
        <p role="alert" className="text-sm font-semibold text-bad">
          {selectionError}
        </p>
      ) : null}
      <div className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
        {mode === "restore" ? <p className="text-sm">{labels["quality.restoreNote"]}</p> : null}
        <TextareaField
          id="quality-note"
          name="note"
          label={labels["quality.note"]}
          hint={labels["quality.noteHint"]}
          maxLength={500}
          rows={2}
          error={errors.note}
        />
        <FormMessage id="quality-form-message" state={errors.note || selectionError ? null : state} />
        <div className="flex flex-wrap gap-3">
          {mode === "decide" ? (
            <>
              <SubmitButton name="decision" value="confirm" pending={pending} pendingLabel={labels["quality.working"]} disabled={selected.size === 0} data-testid="quality-confirm">
                {labels["quality.confirm"]}
              </SubmitButton>
              <button
                type="button"
                disabled={selected.size === 0 || pending}
                onClick={() => dialog.current?.showModal()}
                className={buttonClass("dangerOutline")}
                data-testid="quality-void"
              >
                {labels["quality.void"]}
              </button>
            </>
          ) : (
            <SubmitButton pending={pending} pendingLabel={labels["quality.working"]} disabled={selected.size === 0} data-testid="quality-restore">
              {labels["quality.restore"]}
            </SubmitButton>
          )}
        </div>
      </div>
      {mode === "decide" ? (
        <dialog
          ref={dialog}
          aria-labelledby="quality-void-h"
          className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-stone-200 p-0 shadow-xl backdrop:bg-black/40"
        >
          <div className="space-y-3 p-5">
            <h2 id="quality-void-h" className="text-lg font-semibold">
              {labels["quality.voidTitle"]}
            </h2>
            <p className="text-sm font-semibold">{labels["quality.selected"].replace("{n}", String(selected.size))}</p>
            <p className="text-sm">{labels["quality.voidBody"]}</p>
            <div className="flex flex-wrap justify-end gap-3">
              <button type="button" onClick={() => dialog.current?.close()} className={buttonClass("secondary", "sm")}>
                {labels["quality.cancel"]}
              </button>
              <SubmitButton name="decision" value="void" pending={pending} pendingLabel={labels["quality.working"]} tone="danger" size="sm" data-testid="quality-void-confirm">
                {labels["quality.voidConfirm"]}
              </SubmitButton>
            </div>
          </div>
        </dialog>
      ) : null}
    </form>
  );
}
