/**
 * Print (issue 12): the overview and a district page on A4. With print media emulated at the page's printable
 * width (A4 is 210 mm; 1 cm margins leave 190 mm = 718 CSS px at 96 dpi, as app/globals.css's @page says) no
 * navigation, button or filter shows, nothing is wider than the page, the print header names the campaign and
 * the day in the chosen language above the unit's title; and Chromium prints the page to a PDF.
 */
import { istDate } from "@/lib/dates";
import { formatDay } from "@/lib/format";
import { expect, signedInTo, test } from "@/e2e/fixtures";
import { overflowing } from "@/e2e/overflow";

const PAGE_WIDTH = 718;
test.use({ viewport: { width: PAGE_WIDTH, height: 1000 } });

const cases = [
  { path: "/", lang: "en", title: "Overview" },
  { path: "/districts/raipur", lang: "en", title: "Raipur district" },
  { path: "/districts/raipur", lang: "hi", title: "रायपुर" },
] as const;

for (const c of cases) {
  test(`${c.path} (${c.lang}) prints on A4: no navigation, nothing wider than the page, a header, a PDF`, async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    await signedInTo(page, "pcc", c.path);
    // The sign-in form is read in English; the language is chosen after.
    if (c.lang === "hi") {
      await page.context().addCookies([{ name: "lang", value: "hi", url: baseURL! }]);
      await page.reload();
    }
    await page.waitForLoadState("networkidle");
    await page.emulateMedia({ media: "print" });

    // No navigation, buttons, language or sign-out, filters, downloads.
    for (const sel of ["nav", "button:not(th button)", "input:not([type=hidden])", "select", "a[download]", '[role="tablist"]']) {
      const visible = await page.locator(sel).evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null || e.getClientRects().length > 0).length);
      expect(visible, `${sel} printed`).toBe(0);
    }
    await expect(page.getByTestId("viewer-name")).toBeHidden();

    // The print header: campaign and today in the chosen language; the unit is the page's title below it.
    const header = page.getByTestId("print-header");
    await expect(header).toBeVisible();
    await expect(page.getByTestId("print-campaign")).toHaveText(c.lang === "hi" ? /अभियान: सदस्यता अभियान \d{4}/ : /Campaign: Sadasyata Abhiyan \d{4}/);
    await expect(page.getByTestId("print-date")).toContainText(formatDay(istDate(new Date()), c.lang));
    const h1 = page.getByRole("heading", { level: 1 });
    await expect(h1).toContainText(c.title);
    expect((await h1.boundingBox())!.y).toBeGreaterThan((await header.boundingBox())!.y);

    // Nothing wider than the page.
    const problems = await overflowing(page, PAGE_WIDTH);
    expect(problems, problems.join("\n")).toEqual([]);

    // Chromium prints it: at least one A4 page, and the charts are kept whole (never split across pages).
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    const avoid = await page.locator("section:has(.recharts-wrapper), figure").evaluateAll((els) => els.map((e) => getComputedStyle(e).breakInside));
    expect(avoid.length).toBeGreaterThan(0);
    expect(new Set(avoid)).toEqual(new Set(["avoid"]));
  });
}
