"use client";

import { QueryClient, QueryClientProvider, queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { MemberImportLabels } from "@/lib/i18n/labels/members";
import type { Locale } from "@/lib/i18n";
import { formatNumber } from "@/lib/format";

interface Progress {
  id: number;
  status: "running" | "done" | "failed" | "cancelled";
  stalled: boolean;
  totalRows: number;
  created: number;
  duplicates: number;
  rejected: number;
}

const fill = (template: string, vars: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (w, k: string) => (k in vars ? String(vars[k]) : w));

const importQuery = (id: number) =>
  queryOptions({
    queryKey: ["member-import", id],
    queryFn: async (): Promise<Progress> => {
      const res = await fetch(`/api/members/import/${id}`, { cache: "no-store" });
      if (!res.ok) throw new Error(String(res.status));
      return (await res.json()) as Progress;
    },
    staleTime: 500,
    // Poll while the import runs; stop once it is finished, cancelled or stalled.
    refetchInterval: (q) => (q.state.data && (q.state.data.status !== "running" || q.state.data.stalled) ? false : 1_000),
  });

export function ImportUploader(props: { labels: MemberImportLabels; locale: Locale; initialId?: number }) {
  const [client] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={client}>
      <Uploader {...props} />
    </QueryClientProvider>
  );
}

function Uploader({ labels, locale, initialId }: { labels: MemberImportLabels; locale: Locale; initialId?: number }) {
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [problems, setProblems] = useState<{ line: number | null; message: string }[]>([]);
  const [importId, setImportId] = useState<number | undefined>(initialId);
  const router = useRouter();

  async function upload(e: React.FormEvent) {
    e.preventDefault();
    setProblems([]);
    if (!file) {
      setMessage(labels["members.import.chooseFile"]);
      return;
    }
    setUploading(true);
    setMessage(null);
    try {
      const res = await fetch("/api/members/import", {
        method: "POST",
        body: file,
        headers: { "content-type": "text/csv", "x-file-name": encodeURIComponent(file.name) },
      });
      const json = (await res.json().catch(() => ({}))) as { kind?: string; id?: number; problems?: { line: number | null; message: string }[] };
      if (res.status === 413) setMessage(labels["members.import.tooLarge"]);
      else if (!res.ok || json.id === undefined) {
        setMessage(json.problems ? labels["members.import.fileRejected"] : labels["members.import.uploadFailed"]);
        setProblems(json.problems ?? []);
      } else {
        const id = json.id;
        const text = { started: labels["members.import.started"], resumed: labels["members.import.resumed"], busy: labels["members.import.busy"], done_before: labels["members.import.doneBefore"] }[json.kind ?? "started"] ?? labels["members.import.started"];
        setMessage(fill(text, { id }));
        setImportId(id);
        router.refresh();
      }
    } catch {
      setMessage(labels["members.import.uploadFailed"]);
    } finally {
      setUploading(false);
    }
  }

  return (
    <div className="space-y-4">
      <form onSubmit={upload} className="flex max-w-xl flex-wrap items-end gap-3" noValidate>
        <Field
          id="import-file"
          name="file"
          label={labels["members.import.file"]}
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          describedBy="import-message"
          frameClassName="min-w-0 flex-1"
          className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm"
        />
        <SubmitButton pending={uploading} pendingLabel={labels["members.import.uploading"]}>
          {labels["members.import.upload"]}
        </SubmitButton>
      </form>
      <div id="import-message" aria-live="polite" className="space-y-2">
        {message ? (
          <p className={`text-sm font-semibold ${problems.length > 0 || message === labels["members.import.uploadFailed"] || message === labels["members.import.tooLarge"] ? "text-bad" : ""}`} data-testid="import-message">
            {message}
          </p>
        ) : null}
        {problems.length > 0 ? (
          <ul className="list-disc space-y-1 pl-5 text-sm text-bad" data-testid="import-problems">
            {problems.map((p, i) => (
              <li key={i}>{p.line === null ? p.message : `${fill(labels["members.import.line"], { line: p.line })}: ${p.message}`}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {importId !== undefined ? <ImportProgressPanel id={importId} labels={labels} locale={locale} /> : null}
    </div>
  );
}

function ImportProgressPanel({ id, labels, locale }: { id: number; labels: MemberImportLabels; locale: Locale }) {
  const { data } = useQuery(importQuery(id));
  const queryClient = useQueryClient();
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const finished = data ? data.status !== "running" || data.stalled : false;
  const refreshed = useRef(false);
  // The list of recent imports is rendered on the server: refresh it once this import has finished.
  useEffect(() => {
    if (finished && !refreshed.current) {
      refreshed.current = true;
      router.refresh();
    }
  }, [finished, router]);
  if (!data) return null;
  const done = data.created + data.duplicates + data.rejected;
  const pct = data.totalRows > 0 ? Math.min(100, Math.round((done / data.totalRows) * 100)) : 100;
  const status = data.status === "running" && data.stalled ? labels["members.import.status.stalled"] : labels[`members.import.status.${data.status}`];
  const running = data.status === "running" && !data.stalled;

  async function cancel() {
    await fetch(`/api/members/import/${id}/cancel`, { method: "POST" });
    setAsking(false);
    await queryClient.invalidateQueries({ queryKey: ["member-import", id] });
    router.refresh();
  }

  return (
    <section className="space-y-3 rounded-lg border border-stone-200 bg-white p-4" aria-label={labels["members.import.progressLabel"]} data-testid="import-progress">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="font-semibold" data-testid="import-status">
          #{id} · {status}
        </p>
        <p className="text-sm tabular-nums" data-testid="import-rows">
          {fill(labels["members.import.progress"], { done: formatNumber(done, locale), total: formatNumber(data.totalRows, locale) })}
        </p>
      </div>
      <div
        role="progressbar"
        aria-label={labels["members.import.progressLabel"]}
        aria-valuemin={0}
        aria-valuemax={data.totalRows}
        aria-valuenow={done}
        aria-valuetext={fill(labels["members.import.progress"], { done: formatNumber(done, locale), total: formatNumber(data.totalRows, locale) })}
        className="h-3 w-full overflow-hidden rounded-full bg-stone-200"
      >
        <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${pct}%` }} />
      </div>
      <p className="text-sm text-muted tabular-nums" data-testid="import-counts">
        {fill(labels["members.import.counts"], { created: formatNumber(data.created, locale), duplicates: formatNumber(data.duplicates, locale), rejected: formatNumber(data.rejected, locale) })}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <a href={`/api/members/import/${id}/outcome`} className="text-sm font-semibold text-brand-700 underline" data-testid="import-download">
          {labels["members.import.download"]}
        </a>
        {running ? (
          asking ? (
            <div role="group" aria-label={labels["members.import.cancel"]} className="flex flex-wrap items-center gap-2">
              <span className="text-sm">{labels["members.import.cancelConfirm"]}</span>
              <button type="button" onClick={() => void cancel()} className={buttonClass("danger", "sm")}>
                {labels["members.import.cancelYes"]}
              </button>
              <button type="button" onClick={() => setAsking(false)} className={buttonClass("secondary", "sm")}>
                {labels["members.import.keepGoing"]}
              </button>
            </div>
          ) : (
            <button type="button" onClick={() => setAsking(true)} className={buttonClass("dangerOutline", "sm")}>
              {labels["members.import.cancel"]}
            </button>
          )
        ) : null}
      </div>
    </section>
  );
}
