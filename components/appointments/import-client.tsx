"use client";

import { startTransition, useActionState, useId, useMemo, useState } from "react";
import type { ImportReport, RowOutcome } from "@/lib/appointments/import";
import { importAppointmentsAction } from "@/lib/appointments/actions";
import { exportFileName } from "@/lib/csv/file-name";
import { toCsv } from "@/lib/csv/write";
import { buttonCls, secondaryButtonCls } from "@/components/ui/button";
import { Badge, toneCls, type Tone } from "@/components/ui/badge";
import { Field, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, Td, Th } from "@/components/ui/table";
import type { ImportLabels } from "@/lib/i18n/labels/appointments";

const SHOWN = 300;
const OUTCOMES: RowOutcome[] = ["appointed", "replaced", "skipped", "rejected"];
const tone: Record<RowOutcome, Tone> = { appointed: "ok", replaced: "info", skipped: "muted", rejected: "bad" };

/**
 * Upload → preview (nothing written) → save. The file stays in the page between the two steps and is sent
 * again to save, with the preview's fingerprint: the server plans again and writes only that same plan.
 */
export function ImportClient({ section, m, maxBytes, maxRows }: { section: "enrollers" | "itcell"; m: ImportLabels; maxBytes: number; maxRows: number }) {
  const [state, dispatch, pending] = useActionState(importAppointmentsAction, null);
  const [file, setFile] = useState<File | null>(null);
  const [tooBig, setTooBig] = useState(false);
  const [filter, setFilter] = useState<RowOutcome | "all">("all");
  const id = useId().replace(/:/g, "");
  const report: ImportReport | undefined = state?.ok ? state.data : undefined;

  const send = (intent: "preview" | "apply") => {
    if (!file) return;
    const data = new FormData();
    data.set("section", section);
    data.set("intent", intent);
    data.set("fingerprint", intent === "apply" ? (report?.fingerprint ?? "") : "");
    data.set("file", file);
    startTransition(() => dispatch(data));
  };

  const rows = useMemo(() => (report ? report.rows.filter((r) => filter === "all" || r.outcome === filter) : []), [report, filter]);
  const download = () => {
    if (!report) return;
    const body = toCsv(report.rows, [
      { header: "line", value: (r) => r.line },
      { header: "outcome", value: (r) => r.outcome },
      { header: "details", value: (r) => r.reason },
      { header: "role", value: (r) => r.role },
      { header: "unit_level", value: (r) => r.level },
      { header: "unit_code", value: (r) => r.unitCode },
      { header: "name", value: (r) => r.name },
      { header: "phone", value: (r) => r.phone },
    ]);
    const url = URL.createObjectURL(new Blob([body], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = exportFileName(["import-outcome"]);
    a.click();
    URL.revokeObjectURL(url);
  };

  const statusText = report
    ? report.status === "applied"
      ? m["appointments.import.status.applied"].replace("{seconds}", (report.elapsedMs / 1000).toFixed(1))
      : m[`appointments.import.status.${report.status}`]
    : null;

  return (
    <div className="space-y-4">
      <form
        className="space-y-3 rounded-lg border border-stone-200 bg-white p-4"
        onSubmit={(e) => {
          e.preventDefault();
          send("preview");
        }}
      >
        <Field
          id={`${id}-file`}
          type="file"
          name="file"
          label={m["appointments.import.file"]}
          accept=".csv,text/csv"
          required
          error={tooBig ? m["appointments.import.tooLarge"].replace("{max}", String(maxRows)) : undefined}
          className="mt-1 block w-full text-sm file:mr-3 file:min-h-11 file:rounded-md file:border file:border-stone-500 file:bg-stone-50 file:px-3 file:font-semibold"
          onChange={(e) => {
            const f = e.currentTarget.files?.[0] ?? null;
            setTooBig(Boolean(f && f.size > maxBytes));
            setFile(f && f.size <= maxBytes ? f : null);
          }}
        />
        <div className="flex flex-wrap gap-2">
          <SubmitButton tone="secondary" pending={pending} pendingLabel={m["appointments.import.working"]} disabled={!file}>
            {m["appointments.import.preview"]}
          </SubmitButton>
          {report && report.status === "preview" ? (
            <button type="button" className={buttonCls} disabled={!file || pending} onClick={() => send("apply")}>
              {m["appointments.import.apply"]}
            </button>
          ) : null}
        </div>
        <FormMessage state={state} id={`${id}-msg`} />
      </form>

      {report ? (
        <section className="space-y-3" aria-live="polite" data-testid="import-report">
          <p
            className={`rounded-md border p-3 text-sm font-semibold ${
              report.status === "applied" ? "border-green-200 bg-green-50 text-ok" : report.status === "preview" ? "border-stone-200 bg-white" : "border-red-200 bg-red-50 text-bad"
            }`}
            data-testid="import-status"
          >
            {statusText}
          </p>
          {report.fileProblems.length ? (
            <ul className="list-disc space-y-1 pl-5 text-sm text-bad" data-testid="import-problems">
              {report.fileProblems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
          {report.rows.length ? (
            <>
              <ul className="flex flex-wrap gap-2 text-sm">
                {OUTCOMES.map((o) => (
                  <li key={o} className={`rounded border px-2 py-1 font-semibold ${toneCls[tone[o]]}`} data-testid={`count-${o}`}>
                    {m[`appointments.import.outcome.${o}`]}: {report.counts[o]}
                  </li>
                ))}
              </ul>
              <div className="flex flex-wrap items-end gap-3">
                <SelectField
                  id={`${id}-filter`}
                  name="filter"
                  label={m["appointments.import.filter"]}
                  className="mt-1 block min-h-11 rounded-md border border-stone-500 bg-white px-2"
                  value={filter}
                  onChange={(e) => setFilter(e.currentTarget.value as RowOutcome | "all")}
                >
                  <option value="all">{m["appointments.import.allRows"]}</option>
                  {OUTCOMES.map((o) => (
                    <option key={o} value={o}>
                      {m[`appointments.import.outcome.${o}`]}
                    </option>
                  ))}
                </SelectField>
                <button type="button" className={secondaryButtonCls} onClick={download}>
                  {m["appointments.import.download"]}
                </button>
              </div>
              <p className="text-sm text-muted">
                {m["appointments.import.showing"].replace("{shown}", String(Math.min(rows.length, SHOWN))).replace("{total}", String(rows.length))}
              </p>
              <Table
                cards
                testId="import-rows"
                head={
                  <tr>
                    <Th>{m["appointments.import.col.line"]}</Th>
                    <Th>{m["appointments.import.col.outcome"]}</Th>
                    <Th>{m["appointments.import.col.post"]}</Th>
                    <Th>{m["appointments.form.name"]}</Th>
                    <Th>{m["appointments.import.col.details"]}</Th>
                  </tr>
                }
              >
                {rows.slice(0, SHOWN).map((r) => (
                  <tr key={r.line} data-testid={`import-line-${r.line}`}>
                    <Td label={m["appointments.import.col.line"]} className="tabular-nums">
                      {r.line}
                    </Td>
                    <Td label={m["appointments.import.col.outcome"]}>
                      <Badge tone={tone[r.outcome]}>{m[`appointments.import.outcome.${r.outcome}`]}</Badge>
                    </Td>
                    <Td label={m["appointments.import.col.post"]} className="sm:whitespace-nowrap">
                      {r.role} · {r.level} · {r.unitCode}
                    </Td>
                    <Td label={m["appointments.form.name"]}>
                      <span>
                        {r.name} <span className="whitespace-nowrap text-muted tabular-nums">{r.phone}</span>
                      </span>
                    </Td>
                    {r.reason ? (
                      <Td label={m["appointments.import.col.details"]} className="sm:min-w-48">
                        {r.reason}
                      </Td>
                    ) : (
                      <Td className="max-sm:hidden" />
                    )}
                  </tr>
                ))}
              </Table>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
