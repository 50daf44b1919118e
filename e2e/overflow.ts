/**
 * What sticks out sideways (e2e/phone.spec.ts at 360 px, e2e/print.spec.ts at an A4 page's width): the page's own
 * scroll width, and every rendered element whose right edge passes `width`. An element counts even inside a box
 * that scrolls sideways (a table scrolled out of sight is what a phone must not have); only boxes that clip
 * (overflow hidden or clip, `clip`/`clip-path`, like screen-reader-only text) hide what is outside them.
 */
import type { Page } from "@playwright/test";

export async function overflowing(page: Page, width: number): Promise<string[]> {
  return page.evaluate((width) => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > width) out.push(`the page scrolls sideways: scrollWidth ${doc.scrollWidth} > ${width}`);
    const clips = (s: CSSStyleDeclaration) =>
      s.overflowX === "hidden" || s.overflowX === "clip" || s.clipPath !== "none" || (s.clip !== "auto" && s.clip !== "");
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : "";
      const testId = el.closest("[data-testid]")?.getAttribute("data-testid");
      const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      return `<${el.tagName.toLowerCase()}${id}>${testId ? ` in [data-testid=${testId}]` : ""} "${text}"`;
    };
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= width + 1) continue;
      const s = getComputedStyle(el);
      if (s.visibility === "hidden") continue;
      let right = r.right;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (clips(getComputedStyle(a))) right = Math.min(right, a.getBoundingClientRect().right);
      }
      if (right > width + 1) out.push(`${describe(el)} ends at ${Math.round(r.right)} px`);
      if (out.length > 12) break;
    }
    return out;
  }, width);
}
