import type { ReactNode } from "react";

export type Tone = "ok" | "warn" | "bad" | "info" | "muted";

/** Border, background and text of each tone, for badges and tone-coloured boxes alike. */
export const toneCls: Record<Tone, string> = {
  ok: "bg-green-50 text-ok border-green-200",
  warn: "bg-amber-50 text-warn border-amber-200",
  bad: "bg-red-50 text-bad border-red-200",
  info: "bg-blue-50 text-blue-800 border-blue-200",
  muted: "bg-stone-100 text-muted border-stone-200",
};

export function Badge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`inline-block whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-semibold ${toneCls[tone]}`}>{children}</span>;
}
