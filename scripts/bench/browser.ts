/**
 * What a person's browser gets and sees for one page (issue 13): signs in through the login form, then opens the
 * page in a fresh browser context (empty cache, the same session cookie) with the CPU slowed down 4× and reads
 *   lcpMs        Largest Contentful Paint (a buffered PerformanceObserver, read after `load`),
 *   jsGzipBytes  the script responses' bodies as transferred, added up (`next start` gzips them; a body that
 *                came uncompressed is counted as zlib's default gzip of it, so the figure is gzip either way),
 *   htmlBytes    the document as served, decoded (the HTML with its inlined RSC flight payload).
 * Used by `npm run bench` (scripts/bench.ts) and by hand:
 *   npx tsx scripts/bench/browser.ts http://127.0.0.1:3000 [path] [email] [--runs N]
 * (email defaults to pcc@demo.local, the demo leadership user; the password to demo-password or BENCH_PASSWORD).
 */
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "@/e2e/chromium";


export interface BrowserFigures {
  lcpMs: number;
  jsGzipBytes: number;
  htmlBytes: number;
}

const VIEWPORT = { width: 1280, height: 900 };

export async function measureBrowser(opts: { baseUrl: string; email: string; password: string; path?: string; browser?: Browser }): Promise<BrowserFigures> {
  const base = opts.baseUrl.replace(/\/$/, "");
  const browser = opts.browser ?? (await chromium.launch(CHROMIUM_LAUNCH));
  try {
    // Sign in (this context's cache then holds the login page's scripts, so the measurement uses another one).
    const login = await browser.newContext({ viewport: VIEWPORT });
    const form = await login.newPage();
    await form.goto(`${base}/login`);
    await form.locator("#email").fill(opts.email);
    await form.locator("#password").fill(opts.password);
    await form.locator("form:has(#password) button[type=submit]").click();
    await form.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 60_000 });
    const storageState = await login.storageState();
    await login.close();

    const context = await browser.newContext({ viewport: VIEWPORT, storageState });
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      const sizes: Promise<number>[] = [];
      page.on("requestfinished", (request) => {
        if (request.resourceType() !== "script") return;
        sizes.push(
          (async () => {
            const response = await request.response();
            if (response && !response.headers()["content-encoding"]) return gzipSync(await response.body()).length;
            return (await request.sizes()).responseBodySize;
          })(),
        );
      });
      const response = await page.goto(`${base}${opts.path ?? "/"}`, { waitUntil: "load", timeout: 120_000 });
      if (!response || !response.ok()) throw new Error(`${opts.path ?? "/"} answered ${response?.status() ?? "nothing"}`);
      if (new URL(page.url()).pathname.startsWith("/login")) throw new Error("the session was not accepted (landed on /login)");
      const htmlBytes = (await response.body()).length;
      // Scripts a page loads after `load` (lazy chunks) count too: wait until the network is quiet.
      await page.waitForLoadState("networkidle", { timeout: 60_000 }).catch(() => undefined);
      const lcpMs = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            new PerformanceObserver((list) => {
              const entries = list.getEntries();
              resolve(entries[entries.length - 1]?.startTime ?? 0);
            }).observe({ type: "largest-contentful-paint", buffered: true });
            setTimeout(() => resolve(0), 3000);
          }),
      );
      const jsGzipBytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
      return { lcpMs: Math.round(lcpMs), jsGzipBytes, htmlBytes };
    } finally {
      await context.close();
    }
  } finally {
    if (!opts.browser) await browser.close();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf("--runs");
  const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 1;
  const [baseUrl, path = "/", email = "pcc@demo.local"] = args;
  if (!baseUrl) {
    console.error("usage: npx tsx scripts/bench/browser.ts <baseUrl> [path] [email] [--runs N]");
    process.exit(2);
  }
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const all: BrowserFigures[] = [];
    for (let i = 0; i < runs; i++) {
      const f = await measureBrowser({ baseUrl, email, password: process.env.BENCH_PASSWORD ?? "demo-password", path, browser });
      all.push(f);
      console.log(`run ${i + 1}: LCP ${f.lcpMs} ms · JS ${(f.jsGzipBytes / 1024).toFixed(1)} KB gzip · HTML ${(f.htmlBytes / 1024).toFixed(1)} KB`);
    }
    if (runs > 1) {
      const m = (k: keyof BrowserFigures) => median(all.map((f) => f[k]));
      console.log(`median: LCP ${m("lcpMs")} ms · JS ${(m("jsGzipBytes") / 1024).toFixed(1)} KB gzip · HTML ${(m("htmlBytes") / 1024).toFixed(1)} KB`);
    }
  } finally {
    await browser.close();
  }
}
