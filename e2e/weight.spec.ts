/**
 * The overview's weight (issue 13): signed in as leadership (state scope), the document as served — HTML with
 * its inlined RSC payload, decoded — stays within 60 KB, and the JavaScript the browser receives for it within
 * 250 KB gzip (`next start` sends it gzipped; an uncompressed body would be counted as its zlib gzip), so the
 * page cannot silently grow back. Measured the way `npm run bench` does (scripts/bench/browser.ts): a fresh
 * browser context, so nothing comes from the cache; the scripts loaded until the network is quiet count, so a
 * chart that loads when in view counts if it is in the first screen.
 */
import { measureBrowser } from "@/scripts/bench/browser";
import { DEMO_PASSWORD, expect, test, USERS } from "@/e2e/fixtures";

const HTML_LIMIT = 60 * 1024;
const JS_GZIP_LIMIT = 250 * 1024;

test("the overview stays light: HTML ≤ 60 KB, JavaScript ≤ 250 KB gzip", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const f = await measureBrowser({ baseUrl: baseURL!, email: USERS.pcc, password: DEMO_PASSWORD, browser });
  test.info().annotations.push({ type: "weight", description: `HTML ${f.htmlBytes} B, JS ${f.jsGzipBytes} B gzip, LCP ${f.lcpMs} ms (4× CPU)` });
  expect(f.htmlBytes, "the overview's HTML").toBeLessThanOrEqual(HTML_LIMIT);
  expect(f.jsGzipBytes, "the overview's JavaScript, gzip").toBeLessThanOrEqual(JS_GZIP_LIMIT);
  // Something was measured at all (a sign-in that failed would measure the login page).
  expect(f.htmlBytes).toBeGreaterThan(10 * 1024);
  expect(f.jsGzipBytes).toBeGreaterThan(50 * 1024);
});
