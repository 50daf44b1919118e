/**
 * Screenshots of pages as a person sees them, for review and the README:
 *   BASE_URL=http://127.0.0.1:3000 tsx scripts/screenshots.ts OUT_DIR [role] [path…]
 * Signs in as the demo role (default pcc), then shoots each path at 1280 px and 360 px, in English and Hindi.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "@/e2e/chromium";

const [outDir = "screenshots/tmp", role = "pcc", ...paths] = process.argv.slice(2);
const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const targets = paths.length ? paths : ["/"];
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch(CHROMIUM_LAUNCH);
try {
  for (const lang of (process.env.LANGS ?? "en,hi").split(",")) {
    for (const [label, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 360, height: 780 }]] as const) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      await context.addCookies([{ name: "lang", value: lang, url: base }]);
      const page = await context.newPage();
      await page.goto(`${base}/login`);
      await page.locator("#email").fill(`${role}@demo.local`);
      await page.locator("#password").fill("demo-password");
      await page.locator("form:has(#password) button[type=submit]").click();
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));
      for (const p of targets) {
        await page.goto(`${base}${p}`);
        await page.waitForLoadState("networkidle");
        const name = `${p === "/" ? "overview" : p.replace(/^\//, "").replace(/[^a-z0-9]+/gi, "-")}-${label}-${lang}.png`;
        await page.screenshot({ path: path.join(outDir, name), fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        console.log(`${name}${overflow > 0 ? `  (horizontal overflow ${overflow}px)` : ""}`);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}
