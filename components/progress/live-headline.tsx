"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n";
import type { Headline } from "@/lib/progress/types";
import type { HeadlineLabels } from "@/lib/i18n/labels/progress";
import { HeadlineCards, type CampaignDates, type HeadlineLinks } from "@/components/progress/headline-cards";

export const LIVE_INTERVAL_MS = 30_000;
export const SUMMARY_URL = "/api/progress/summary";

/** The query the overview polls: the viewer's scope headline, as the page computed it on the server. */
export function summaryQuery(initial: Headline) {
  return {
    queryKey: ["progress", "summary"] as const,
    queryFn: async ({ signal }: { signal: AbortSignal }): Promise<Headline> => {
      const res = await fetch(SUMMARY_URL, { signal, cache: "no-store", headers: { accept: "application/json" } });
      if (!res.ok) throw new Error(`summary: ${res.status}`);
      return (await res.json()) as Headline;
    },
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.asOf),
    refetchInterval: LIVE_INTERVAL_MS,
  };
}

/** The overview's headline cards, refreshed every 30 seconds without reloading the page. */
export function LiveHeadline(props: {
  initial: Headline;
  locale: Locale;
  labels: HeadlineLabels;
  links: HeadlineLinks;
  campaign: CampaignDates | null;
  extra?: ReactNode;
}) {
  const { data, isError } = useQuery(summaryQuery(props.initial));
  return (
    <div data-testid="live-headline" data-as-of={data.asOf}>
      <HeadlineCards h={data} locale={props.locale} labels={props.labels} links={props.links} campaign={props.campaign} live={{ stale: isError }} extra={props.extra} />
    </div>
  );
}
