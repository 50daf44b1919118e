import type { FlagReason } from "@/db/schema";
import { formatDateTime, formatNumber, formatTime } from "@/lib/format";
import type { Locale, Translate } from "@/lib/i18n";
import { OTHERS_LISTED, type FlagDetails } from "@/lib/members/quality/detail";

/**
 * A flag in words, in the reader's language: "7 members share phone 98•••••210: CG26-0000123, CG26-0000456,
 * CG26-0000789 and 3 more". Built from the flag's stored detail (masked values and membership numbers only,
 * lib/members/quality/detail.ts) with the `quality.words.*` templates; numbers and times through lib/format.ts
 * (India time). A detail missing a field (an older flag, a hand-made one) still reads, with what it has.
 * Pure: no database, no catalog import, so the JSON route and the page share it.
 */
export function flagWords(t: Translate, reason: FlagReason, detail: unknown, locale: Locale): string {
  const d = (detail && typeof detail === "object" ? detail : {}) as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const n = (v: unknown) => formatNumber(num(v), locale);
  const instant = (v: unknown, show: (x: string) => string) => {
    const s = str(v);
    return s && !Number.isNaN(Date.parse(s)) ? show(s) : "—";
  };
  switch (reason) {
    case "shared_phone": {
      const x = d as Partial<FlagDetails["shared_phone"]>;
      return t("quality.words.shared_phone", { count: n(x.count), phone: str(x.phone), others: othersList(t, x.others, num(x.count), locale) });
    }
    case "near_duplicate":
    case "photo_reuse": {
      const x = d as Partial<FlagDetails["near_duplicate"]>;
      return t(`quality.words.${reason}`, { others: othersList(t, x.others, num(x.count), locale) });
    }
    case "burst": {
      const x = d as Partial<FlagDetails["burst"]>;
      return t("quality.words.burst", {
        count: n(x.count),
        limit: n(x.limit),
        minutes: n(x.minutes),
        token: str(x.token),
        from: instant(x.from, (s) => formatDateTime(s, locale)),
        // formatTime pads the hour ("09:39 am"); beside formatDateTime's "9:30 am" it reads as "9:39 am".
        to: instant(x.to, (s) => formatTime(s, locale).replace(/^0(?=[0-9])/, "")),
      });
    }
    case "epic_pattern": {
      const x = d as Partial<FlagDetails["epic_pattern"]>;
      const rule = x.rule === "serial" || x.rule === "placeholder" ? x.rule : "shape";
      return t(`quality.words.epic_pattern.${rule}`, { epic: str(x.epic) });
    }
    case "disowned": {
      const x = d as Partial<FlagDetails["disowned"]>;
      return t("quality.words.disowned", { at: instant(x.at, (s) => formatDateTime(s, locale)) });
    }
  }
}

/**
 * The other members a flag names: the first OTHERS_LISTED numbers, then "and N more" for the rest of `count`
 * (which counts this member too).
 */
export function othersList(t: Translate, others: unknown, count: number, locale: Locale): string {
  const all = Array.isArray(others) ? others.filter((o): o is string => typeof o === "string") : [];
  const listed = all.slice(0, OTHERS_LISTED);
  const more = Math.max(0, count - 1 - listed.length, all.length - listed.length);
  const list = listed.join(", ");
  if (more === 0) return list;
  return listed.length ? t("quality.words.more", { list, n: formatNumber(more, locale) }) : formatNumber(more, locale);
}
