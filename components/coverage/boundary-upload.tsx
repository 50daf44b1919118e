"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { BoundaryUploadLabels } from "@/lib/i18n/labels/coverage";

const fill = (template: string, vars: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (w, k: string) => (k in vars ? String(vars[k]) : w));

/**
 * The administrator's boundary upload on /coverage: the file goes to POST /coverage/boundaries (the CLI's
 * importer); a refusal is the file field's error with the importer's list of problems, and a saved file
 * refreshes the page so that the map is drawn.
 */
export function BoundaryUpload({ labels, folded }: { labels: BoundaryUploadLabels; folded: boolean }) {
  const router = useRouter();
  // Once a map is drawn the form folds away under "Replace the boundary file"; it opens by itself after an
  // upload, so that its outcome stays in view when the refreshed page draws the map.
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [problems, setProblems] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);

  async function upload(e: React.FormEvent) {
    e.preventDefault();
    setProblems([]);
    setDone(null);
    if (!file) {
      setError(labels["coverage.upload.choose"]);
      return;
    }
    setError(undefined);
    setPending(true);
    try {
      const res = await fetch("/coverage/boundaries", { method: "POST", body: file, headers: { "content-type": "application/geo+json" } });
      const json = (await res.json().catch(() => ({}))) as { features?: number; error?: { message?: string; issues?: string[] } };
      if (res.ok) {
        setDone(fill(labels["coverage.upload.done"], { n: json.features ?? 0 }));
        setOpen(true);
        router.refresh();
      } else if (res.status === 403) setError(labels["coverage.upload.forbidden"]);
      else if (res.status === 400) {
        const tooLarge = json.error?.message?.includes("too_large");
        setError(tooLarge ? labels["coverage.upload.tooLarge"] : labels["coverage.upload.rejected"]);
        setProblems(tooLarge ? [] : (json.error?.issues ?? []));
      } else setError(labels["coverage.upload.failed"]);
    } catch {
      setError(labels["coverage.upload.failed"]);
    } finally {
      setPending(false);
    }
  }

  const form = (
    <form onSubmit={upload} className="max-w-xl space-y-3 print:hidden" noValidate aria-label={labels["coverage.upload.submit"]} data-testid="boundary-upload">
      <Field
        id="boundary-file"
        name="file"
        type="file"
        accept=".geojson,.json,application/geo+json,application/json"
        label={labels["coverage.upload.file"]}
        hint={labels["coverage.upload.hint"]}
        error={error}
        errorTestId="boundary-error"
        describedBy={problems.length ? "boundary-problems" : undefined}
        onChange={(e) => {
          setFile(e.target.files?.[0] ?? null);
          setError(undefined);
          setProblems([]);
        }}
        className="mt-1 block min-h-11 w-full rounded-md border border-stone-500 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-bad"
      />
      {problems.length > 0 ? (
        <ul id="boundary-problems" className="list-disc space-y-1 pl-5 text-sm text-bad" data-testid="boundary-problems">
          {problems.map((p, i) => (
            <li key={i} lang="en">
              {p}
            </li>
          ))}
        </ul>
      ) : null}
      <SubmitButton pending={pending} pendingLabel={labels["coverage.upload.uploading"]}>
        {labels["coverage.upload.submit"]}
      </SubmitButton>
      <p role="status" className="text-sm font-semibold text-ok empty:hidden" data-testid="boundary-done">
        {done ?? ""}
      </p>
    </form>
  );
  if (!folded) return form;
  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)} className="rounded-md border border-stone-300 bg-white p-3 print:hidden">
      <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-semibold text-brand-700">{labels["coverage.upload.replace"]}</summary>
      <div className="mt-2">{form}</div>
    </details>
  );
}
