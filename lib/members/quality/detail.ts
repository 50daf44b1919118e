import type { FlagReason } from "@/db/schema";

/**
 * What each flag stores in `member_flags.detail` (jsonb): the facts its words are built from, in English or
 * Hindi, when it is shown (lib/members/quality/words.ts). Only masked values and membership numbers: a flag
 * must stay readable after the members it names are voided or erased.
 */
export interface FlagDetails {
  /** `count` members (this one included) share the phone `phone` (masked, `98•••••210`). */
  shared_phone: { phone: string; count: number; others: string[] };
  /** `count` members in one assembly seat share the name key, ages within ±2. */
  near_duplicate: { count: number; others: string[] };
  /** The photo's perceptual hash is within `distance` bits of `count - 1` other members' photos. */
  photo_reuse: { count: number; others: string[]; distance: number };
  /**
   * One token (`token` = its prefix) signed up more than `limit` members within `minutes` minutes; this burst
   * (overlapping such windows joined) holds `count` sign-ups from `from` to `to` (ISO times).
   */
  burst: { count: number; limit: number; minutes: number; token: string; from: string; to: string };
  /** The EPIC (masked) passed the format check but failed the stricter `rule`. */
  epic_pattern: { rule: "shape" | "serial" | "placeholder"; epic: string };
  /** The person said they did not join, at `at` (ISO), through the public verification page. */
  disowned: { at: string };
}

export type FlagDetail<R extends FlagReason = FlagReason> = FlagDetails[R];

/** How many other membership numbers a flag's detail lists (the words add "and N more"). */
export const OTHERS_LISTED = 3;
