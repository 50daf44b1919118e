import { FLAG_REASONS, FLAG_STATUSES } from "@/db/schema";
import { BOOTH_CODE_PATTERN } from "@/lib/members/enrol/validation";
import { matching, oneOf, page, positiveInt, slug, type SearchParams } from "@/lib/search-params";

/** An enroller in a URL: `t<token id>` (the enrolment app's token) or `w<worker id>` (everything they brought in). */
export const ENROLLER_PATTERN = /^[tw][1-9][0-9]{0,8}$/;
export const QUEUE_SORTS = ["new", "old"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/**
 * The URL state of /quality (pure). `status` picks which flags are listed (open by default; `voided` is the
 * voided members, where leadership restores); reason, district (slug), Lok Sabha seat (number), block (id),
 * assembly seat (number), booth (code) and enroller narrow inside the viewer's area, never widen it.
 */
export function parseQueueParams(sp: SearchParams) {
  return {
    reason: oneOf(sp, "reason", FLAG_REASONS),
    status: oneOf(sp, "status", FLAG_STATUSES, "open"),
    district: slug(sp, "district"),
    /** A Lok Sabha seat by number, a block by id: what their progress pages link with. */
    pc: positiveInt(sp, "pc", 3),
    block: positiveInt(sp, "block", 9),
    ac: positiveInt(sp, "ac", 4),
    booth: matching(sp, "booth", BOOTH_CODE_PATTERN),
    enroller: matching(sp, "enroller", ENROLLER_PATTERN),
    sort: oneOf(sp, "sort", QUEUE_SORTS, "new"),
    page: page(sp),
  };
}
export type QueueParams = ReturnType<typeof parseQueueParams>;

/** The filters alone (what the queue's query and the reason counts take). */
export type QueueFilters = Omit<QueueParams, "page" | "sort">;

/**
 * The JSON view's query string: `reason` (optional) and `status` (open by default). Unlike a page, a value that
 * is not one of the codes is an error (null), so a script with a typo is told rather than given everything.
 */
export function parseFlagsApiParams(sp: URLSearchParams): { reason?: (typeof FLAG_REASONS)[number]; status: (typeof FLAG_STATUSES)[number] } | null {
  const reason = sp.get("reason");
  const status = sp.get("status");
  const r = reason === null || reason === "" ? undefined : FLAG_REASONS.find((x) => x === reason);
  const s = status === null || status === "" ? "open" : FLAG_STATUSES.find((x) => x === status);
  if ((reason && !r) || !s) return null;
  return { reason: r, status: s };
}
