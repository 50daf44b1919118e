import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BANDS } from "@/components/coverage/bands";

/** WCAG 2.x relative luminance and contrast ratio of two #rrggbb colours. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const css = readFileSync(path.join(import.meta.dirname, "../../app/globals.css"), "utf8");
const theme = Object.fromEntries([...css.matchAll(/--(color-[\w-]+|chart-\d):\s*(#[0-9a-f]{6});/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
const token = (name: string) => {
  const v = theme[name];
  if (!v) throw new Error(`app/globals.css has no --${name}`);
  return v;
};
const WHITE = "#ffffff";
const STONE_50 = "#fafaf9";

describe("the palette meets WCAG AA", () => {
  it("computes contrast as WCAG does", () => {
    expect(contrast("#000000", WHITE)).toBeCloseTo(21, 5);
    expect(contrast("#ea580c", WHITE)).toBeCloseTo(3.56, 2); // the old button colour the field walk measured at 3.55
  });

  it("gives text 4.5:1 on white and on the page background", () => {
    for (const fg of ["color-ink", "color-muted", "color-brand-700", "color-brand-900", "color-ok", "color-warn", "color-bad"]) {
      expect(contrast(token(fg), WHITE), fg).toBeGreaterThanOrEqual(4.5);
      expect(contrast(token(fg), STONE_50), fg).toBeGreaterThanOrEqual(4.5);
    }
    // Brand links on the brand tints (selected tabs, highlighted rows).
    for (const bg of ["color-brand-50", "color-brand-100"]) expect(contrast(token("color-brand-700"), token(bg)), bg).toBeGreaterThanOrEqual(4.5);
  });

  it("gives white text 4.5:1 on every filled button", () => {
    for (const bg of ["color-brand-600", "color-brand-700", "color-bad"]) expect(contrast(WHITE, token(bg)), bg).toBeGreaterThanOrEqual(4.5);
  });

  it("gives borders, focus rings and chart marks 3:1 against white", () => {
    for (const ui of ["color-brand-500", "color-brand-600", "chart-1", "chart-2", "chart-3", "chart-4", "chart-5"]) expect(contrast(token(ui), WHITE), ui).toBeGreaterThanOrEqual(3);
  });

  it("writes every coverage band's figures at 4.5:1 on its fill", () => {
    for (const band of BANDS) expect(contrast(band.text, band.fill), band.label).toBeGreaterThanOrEqual(4.5);
  });
});
