import { queryRows, type DbOrTx } from "@/db/client";
import { sql } from "drizzle-orm";

/**
 * The signals' thresholds, per state (table quality_settings; a state without a row uses the defaults).
 *
 * - `sharedPhoneLimit` 5: a phone shared by MORE than 5 members flags them all. Families share one phone, and
 *   a household of 2–4 adults (the seed plants such households) must not be flagged; 6 on one number is rare
 *   for one family and common for a bought list.
 * - `burstLimit` 20 within `burstMinutes` 10: one enrolment-app token signing up more than 20 members in any
 *   10 minutes. In the seeded curve the busiest ordinary token signs up 2 in 10 minutes at 2,00,000 members and
 *   4 at 20,00,000 (`npm run quality:eval` prints it); a sign-up in the app takes a form, a photo and consent,
 *   so even a fast enroller manages about one a minute, 10 in 10 minutes. More than 20 is typing a list; the
 *   seed's planted burst is 40 in 15 minutes, its steady enroller 40 over a day.
 * - `photoDistance` 5: photos whose 64-bit perceptual hashes differ in at most this many bits are one photo
 *   (lib/members/quality/photo-hash.ts measures re-encoded copies, 0–4 bits, and different photos, 11 or more).
 *   Candidates are found by an equal 16-bit band, which finds every pair within 3 bits and most within 5; a
 *   larger setting (the CHECK allows 16) widens the match but not the lookup, so it finds little more.
 */
export interface Thresholds {
  sharedPhoneLimit: number;
  burstLimit: number;
  burstMinutes: number;
  photoDistance: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { sharedPhoneLimit: 5, burstLimit: 20, burstMinutes: 10, photoDistance: 5 };

/** Every state's thresholds (states without a settings row get the defaults). */
export async function loadThresholds(db: DbOrTx): Promise<Map<number, Thresholds>> {
  const rows = await queryRows<{ id: number; shared_phone_limit: number | null; burst_limit: number | null; burst_minutes: number | null; photo_distance: number | null }>(
    db,
    sql`SELECT s.id, q.shared_phone_limit, q.burst_limit, q.burst_minutes, q.photo_distance
        FROM states s LEFT JOIN quality_settings q ON q.state_id = s.id`,
  );
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        sharedPhoneLimit: r.shared_phone_limit ?? DEFAULT_THRESHOLDS.sharedPhoneLimit,
        burstLimit: r.burst_limit ?? DEFAULT_THRESHOLDS.burstLimit,
        burstMinutes: r.burst_minutes ?? DEFAULT_THRESHOLDS.burstMinutes,
        photoDistance: r.photo_distance ?? DEFAULT_THRESHOLDS.photoDistance,
      },
    ]),
  );
}
