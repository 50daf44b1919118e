import { istDate } from "@/lib/dates";

type Part = string | number | null | undefined | false;

const words = (parts: readonly Part[]) =>
  parts
    .filter((p): p is string | number => p !== null && p !== undefined && p !== false)
    .map((p) => String(p).trim().replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, ""))
    .filter(Boolean);

/**
 * The one name of every downloaded file: its parts joined by "-", then the campaign's calendar day in India
 * (Asia/Kolkata, as every page shows dates), then `tail` (what qualifies the whole file, such as
 * `first-100000`), then the extension — `uncovered-booths-raipur-2026-12-02.csv`.
 * A file made at 00:30 in Raipur is dated that day, not the UTC day before. Empty parts are left out; each
 * part is reduced to letters, digits, `.`, `_` and `-` so the name survives every browser and Excel. Pure (no
 * database, no catalogs): client components name their downloads with it too.
 */
export function exportFileName(parts: readonly Part[], opts: { now?: Date; tail?: readonly Part[]; ext?: string } = {}): string {
  return `${[...words(parts), istDate(opts.now ?? new Date()), ...words(opts.tail ?? [])].join("-")}.${opts.ext ?? "csv"}`;
}
