import type { SeedQuality } from "@/lib/seed";
import { reencode, syntheticPortrait } from "@/lib/members/quality/photo-hash";
import { scanAll } from "@/lib/members/quality/scan";

/**
 * What the demo seed needs from the quality feature to plant its labelled patterns and scan them
 * (lib/seed/quality-patterns.ts): shared lib/seed may not import a feature, so the entry points that seed
 * (scripts/seed.ts, scripts/demo.ts, tests) pass this in as `seed(db, { quality: seedQuality })`.
 */
export const seedQuality: SeedQuality = {
  portrait: (seed) => syntheticPortrait(seed),
  reencode,
  scan: (db) => scanAll(db),
};
