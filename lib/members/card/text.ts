import { readFile } from "node:fs/promises";
import path from "node:path";

/**
 * Text for the membership card, shaped by HarfBuzz and drawn as SVG paths.
 *
 * Why not SVG <text>: resvg's own text layout (checked with @resvg/resvg-js 2.6.2 and 2.7.0-alpha.2, with the
 * Noto Sans Devanagari of npm and of Debian) loses the advance of spacing vowel signs, so "राम" draws as "रम"
 * with the ा under the म and the space after "सीता" vanishes. HarfBuzz (the shaper browsers use) gets
 * conjuncts (क्ष, श्र, त्र), reph and vowel-sign reordering right; resvg then only fills paths.
 * A side effect we want: no user text ever reaches the SVG markup, only numbers.
 */

export type Weight = 400 | 600;

// Noto Sans Devanagari from the npm registry (OFL-1.1); it carries Latin and digits too, so one family
// serves Hindi and English names, membership numbers and labels. The paths are spelled out whole so the
// server build traces these two files only (a computed path would make it trace the whole project).
const fontFile = (weight: Weight) =>
  weight === 600
    ? path.join(process.cwd(), "node_modules", "@expo-google-fonts", "noto-sans-devanagari", "600SemiBold", "NotoSansDevanagari_600SemiBold.ttf")
    : path.join(process.cwd(), "node_modules", "@expo-google-fonts", "noto-sans-devanagari", "400Regular", "NotoSansDevanagari_400Regular.ttf");

type Hb = typeof import("harfbuzzjs");

interface LoadedFont {
  hb: Hb;
  font: InstanceType<Hb["Font"]>;
  upem: number;
  /** Glyph outlines by glyph id, in font units (y up). */
  paths: Map<number, string>;
}

let fontsPromise: Promise<Record<Weight, LoadedFont>> | undefined;

async function loadFonts(): Promise<Record<Weight, LoadedFont>> {
  // harfbuzzjs is ESM with a top-level await that instantiates its WebAssembly: load it on first use only.
  const hb = await import("harfbuzzjs");
  const load = async (weight: Weight): Promise<LoadedFont> => {
    const data = await readFile(fontFile(weight));
    const face = new hb.Face(new hb.Blob(new Uint8Array(data)), 0);
    return { hb, font: new hb.Font(face), upem: face.upem, paths: new Map() };
  };
  const [regular, semibold] = await Promise.all([load(400), load(600)]);
  return { 400: regular, 600: semibold };
}

/** Loads HarfBuzz and the fonts once per process. */
export function cardFonts(): Promise<Record<Weight, LoadedFont>> {
  fontsPromise ??= loadFonts().catch((err: unknown) => {
    fontsPromise = undefined;
    throw err;
  });
  return fontsPromise;
}

/** A run of text, shaped: glyph ids with their pen positions, in font units. */
export interface ShapedRun {
  weight: Weight;
  glyphs: { id: number; x: number; y: number }[];
  /** Advance width of the whole run, in font units. */
  advance: number;
  upem: number;
}

export async function shape(text: string, weight: Weight = 400): Promise<ShapedRun> {
  const fonts = await cardFonts();
  const f = fonts[weight];
  const buffer = new f.hb.Buffer();
  buffer.addText(text.normalize("NFC"));
  buffer.guessSegmentProperties();
  f.hb.shape(f.font, buffer);
  const glyphs: ShapedRun["glyphs"] = [];
  let pen = 0;
  for (const g of buffer.getGlyphInfosAndPositions()) {
    glyphs.push({ id: g.codepoint, x: pen + (g.xOffset ?? 0), y: g.yOffset ?? 0 });
    pen += g.xAdvance ?? 0;
  }
  return { weight, glyphs, advance: pen, upem: f.upem };
}

/** Width of a shaped run at a font size, in the caller's units. */
export function runWidth(run: ShapedRun, size: number): number {
  return (run.advance * size) / run.upem;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The run as SVG paths with its baseline origin at (x, y), `size` units high per em. */
export async function runToSvg(run: ShapedRun, x: number, y: number, size: number, fill: string): Promise<string> {
  const fonts = await cardFonts();
  const f = fonts[run.weight];
  const s = size / run.upem;
  const parts: string[] = [];
  for (const g of run.glyphs) {
    let d = f.paths.get(g.id);
    if (d === undefined) {
      d = f.font.glyphToPath(g.id);
      f.paths.set(g.id, d);
    }
    if (!d) continue; // spaces and other blank glyphs
    parts.push(`<path transform="translate(${round(x + g.x * s)} ${round(y - g.y * s)}) scale(${round(s * 1e4) / 1e4} ${-round(s * 1e4) / 1e4})" d="${d}"/>`);
  }
  return `<g fill="${fill}">${parts.join("")}</g>`;
}

const graphemes = new Intl.Segmenter("hi", { granularity: "grapheme" });

export interface FittedText {
  run: ShapedRun;
  size: number;
  width: number;
  truncated: boolean;
}

/**
 * Shrinks text to fit `maxWidth` (down to `minSize`) and, when even that is too wide, cuts it at a grapheme
 * boundary (never inside a conjunct or before its vowel sign) and ends it with "…".
 */
export async function fitText(text: string, opts: { weight?: Weight; size: number; minSize: number; maxWidth: number }): Promise<FittedText> {
  const weight = opts.weight ?? 400;
  const run = await shape(text, weight);
  const natural = runWidth(run, opts.size);
  if (natural <= opts.maxWidth) return { run, size: opts.size, width: natural, truncated: false };
  const size = Math.max(opts.minSize, (opts.size * opts.maxWidth) / natural);
  if (runWidth(run, size) <= opts.maxWidth) return { run, size, width: runWidth(run, size), truncated: false };
  const parts = [...graphemes.segment(text)].map((s) => s.segment);
  let lo = 0;
  let hi = parts.length;
  let best = await shape("…", weight);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const candidate = await shape(`${parts.slice(0, mid).join("").trimEnd()}…`, weight);
    if (runWidth(candidate, size) <= opts.maxWidth) {
      best = candidate;
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return { run: best, size, width: runWidth(best, size), truncated: true };
}

/**
 * Splits a name over at most two lines at a space when one line would need a font smaller than `minSize`.
 * Returns one or two fitted lines, all at the same size.
 */
export async function fitLines(
  text: string,
  opts: { weight?: Weight; size: number; minSize: number; maxWidth: number },
): Promise<FittedText[]> {
  const weight = opts.weight ?? 400;
  const single = await shape(text, weight);
  const needed = (opts.size * opts.maxWidth) / Math.max(1, runWidth(single, opts.size));
  const words = text.split(" ").filter(Boolean);
  if (needed >= opts.minSize || words.length < 2) return [await fitText(text, opts)];
  // The split that makes the longer line shortest.
  let bestSplit = 1;
  let bestWidth = Infinity;
  for (let i = 1; i < words.length; i++) {
    const [a, b] = await Promise.all([shape(words.slice(0, i).join(" "), weight), shape(words.slice(i).join(" "), weight)]);
    const w = Math.max(a.advance, b.advance);
    if (w < bestWidth) {
      bestWidth = w;
      bestSplit = i;
    }
  }
  const first = words.slice(0, bestSplit).join(" ");
  const second = words.slice(bestSplit).join(" ");
  const size = Math.max(opts.minSize, Math.min(opts.size, (opts.size * opts.maxWidth) / ((bestWidth * opts.size) / single.upem)));
  return Promise.all([first, second].map((line) => fitText(line, { ...opts, size, minSize: size })));
}
