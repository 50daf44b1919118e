/**
 * Button looks, as class strings so that a link or a plain `<button>` can look like one too. `md` keeps the
 * 44 px touch target; `sm` and `xs` are for buttons inside a table row, 44 px tall on a phone too.
 */
export type ButtonTone = "primary" | "secondary" | "danger" | "dangerOutline" | "outline";
export type ButtonSize = "md" | "sm" | "xs";

const TONES: Record<ButtonTone, string> = {
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  secondary: "border border-stone-500 bg-white hover:bg-stone-100",
  danger: "bg-bad text-white hover:bg-red-800",
  dangerOutline: "border border-red-300 text-bad hover:bg-red-50",
  outline: "border border-brand-600 text-brand-700 hover:bg-brand-50",
};
const SIZES: Record<ButtonSize, string> = {
  md: "min-h-11 px-4 py-2",
  // Below 640 px every button is a 44 px touch target; in a desktop table row it may be smaller.
  sm: "px-3 py-1.5 text-sm max-sm:min-h-11",
  xs: "px-2 py-1 text-xs max-sm:min-h-11",
};

export function buttonClass(tone: ButtonTone = "primary", size: ButtonSize = "md", extra?: string): string {
  return ["inline-flex items-center justify-center rounded-md font-semibold disabled:opacity-60", SIZES[size], TONES[tone], extra].filter(Boolean).join(" ");
}

export const buttonCls = buttonClass("primary");
export const secondaryButtonCls = buttonClass("secondary");

/** A text link in the brand colour (a link back, a download, "see all"); give the size beside it. */
export const linkCls = "font-semibold text-brand-700 underline";
