import type { MessageKey } from "@/lib/i18n";

/**
 * Coverage bands for the tile grid and the map. A sequential light-to-dark green scale (ColorBrewer YlGn)
 * rather than the categorical --chart-* colours: the order of the bands must read at a glance, also for
 * colour-blind readers, and the darkest two take white text.
 */
export const BANDS: { min: number; fill: string; text: string; label: MessageKey }[] = [
  { min: 0, fill: "#ffffcc", text: "#1f2937", label: "coverage.band.low" },
  { min: 0.25, fill: "#c2e699", text: "#1f2937", label: "coverage.band.b25" },
  { min: 0.5, fill: "#78c679", text: "#1f2937", label: "coverage.band.b50" },
  { min: 0.75, fill: "#238443", text: "#ffffff", label: "coverage.band.b75" },
  { min: 1, fill: "#006837", text: "#ffffff", label: "coverage.band.full" },
];

export function bandOf(share: number) {
  let band = BANDS[0]!;
  for (const b of BANDS) if (share >= b.min) band = b;
  return band;
}
