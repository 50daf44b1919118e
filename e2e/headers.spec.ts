/**
 * Security headers on every kind of answer (issue 9, item 5) — pages, route handlers, the enrolment API
 * (which proxy.ts skips), static files, 404s, the image route — and, in Chromium, that the dashboard's
 * pages run under the nonce CSP without a single violation (Next's scripts, Recharts, Tailwind).
 */
import { expect, signIn, test, USERS } from "@/e2e/fixtures";

type Headers = Record<string, string>;

/** Every header problem of one answer, so a failure names all of them at once. */
function problems(h: Headers, opts: { page: boolean }): string[] {
  const out: string[] = [];
  const csp = h["content-security-policy"] ?? "";
  const directive = (name: string) =>
    csp
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.split(/\s+/)[0] === name);
  if (!csp) out.push("no Content-Security-Policy");
  if (directive("frame-ancestors") !== "frame-ancestors 'none'") out.push(`frame-ancestors: ${directive("frame-ancestors")}`);
  if (/'unsafe-eval'/.test(csp)) out.push("'unsafe-eval' in the CSP");
  const scripts = directive("script-src") ?? directive("default-src") ?? "";
  if (/'unsafe-inline'|\*|https?:/.test(scripts) && !/'nonce-|'strict-dynamic'/.test(scripts)) out.push(`script-src too open: ${scripts}`);
  if (opts.page && !/'nonce-[A-Za-z0-9+/=]{16,}'/.test(scripts)) out.push(`page script-src without a nonce: ${scripts}`);
  if (h["x-frame-options"] !== "DENY") out.push(`X-Frame-Options: ${h["x-frame-options"]}`);
  if (!["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"].includes(h["referrer-policy"] ?? "")) {
    out.push(`Referrer-Policy: ${h["referrer-policy"]}`);
  }
  if (h["x-content-type-options"] !== "nosniff") out.push(`X-Content-Type-Options: ${h["x-content-type-options"]}`);
  for (const feature of ["camera", "microphone", "geolocation"]) {
    if (!new RegExp(`(^|,\\s*)${feature}=\\(\\)`).test(h["permissions-policy"] ?? "")) out.push(`Permissions-Policy leaves ${feature} on`);
  }
  return out;
}

const noStore = (h: Headers) => /\bno-store\b/.test(h["cache-control"] ?? "");

test.describe("security headers", () => {
  test("every kind of answer carries them, none is a 5xx, pages are not stored", async ({ page, request, baseURL }) => {
    const login = await request.get("/login");
    const asset = /(\/_next\/static\/[^"']+\.js)/.exec(await login.text())?.[1];
    expect(asset, "a script of the login page").toBeTruthy();
    const signedOut: { url: string; method?: "POST"; page?: boolean; store?: boolean }[] = [
      { url: "/", page: true },
      { url: "/login", page: true, store: false },
      { url: "/verify/XYZ", page: true, store: false },
      { url: "/verify/CG26-0000001", page: true, store: false },
      { url: "/api/health" },
      { url: "/api/auth/session", store: false },
      { url: "/api/v1/members", method: "POST", store: false },
      { url: "/api/v1/no-such-route" },
      { url: "/members/export", page: true },
      { url: asset! },
      { url: "/_next/static/no-such-file.js" },
      { url: "/_next/image?url=x&w=1&q=1" },
      { url: "/_next/image?url=%2Ficon.svg&w=64&q=75" },
      { url: "/_next/image?url=https%3A%2F%2Fexample.com%2Fa.png&w=99999&q=500" },
      { url: "/favicon.ico" },
      { url: "/icon.svg", page: true },
    ];
    const report: string[] = [];
    const check = (label: string, status: number, h: Headers, opts: { page?: boolean; store?: boolean }) => {
      const p = problems(h, { page: Boolean(opts.page) });
      if (status >= 500) p.push(`status ${status}`);
      if (opts.store === false && !noStore(h)) p.push(`Cache-Control: ${h["cache-control"]}`);
      if (p.length) report.push(`${label} → ${status}: ${p.join("; ")}`);
    };
    for (const r of signedOut) {
      const res =
        r.method === "POST"
          ? await request.post(r.url, { data: {}, maxRedirects: 0 })
          : await request.get(r.url, { maxRedirects: 0 });
      check(`${r.method ?? "GET"} ${r.url}`, res.status(), res.headers(), r);
    }

    // Signed in: the dashboard, a chart page, a page with personal data, a 404 and a route handler.
    await signIn(page, USERS.pcc);
    await expect(page.getByTestId("viewer-name")).toBeVisible({ timeout: 30_000 });
    const signedIn: { url: string; page?: boolean; status?: number }[] = [
      { url: "/", page: true, status: 200 },
      { url: "/coverage", page: true, status: 200 },
      { url: "/members", page: true, status: 200 },
      { url: "/no-such-page", page: true, status: 404 },
      { url: "/members/new/booths?q=1" },
      { url: "/api/progress/summary" },
    ];
    for (const r of signedIn) {
      const res = await page.request.get(r.url, { maxRedirects: 0 });
      if (r.status) expect(res.status(), r.url).toBe(r.status);
      // Every signed-in answer carries personal or party data: none may be stored by a cache.
      check(`signed-in GET ${r.url}`, res.status(), res.headers(), { page: r.page, store: false });
    }
    expect(report, `security header problems on ${baseURL}`).toEqual([]);
  });

  test("HSTS on every kind of answer that came through a TLS-terminating proxy", async ({ request }) => {
    const https = { "x-forwarded-proto": "https" };
    const missing: string[] = [];
    for (const [method, url] of [["GET", "/login"], ["GET", "/"], ["GET", "/api/health"], ["POST", "/api/v1/members"], ["GET", "/_next/image?url=x&w=1&q=1"]] as const) {
      const res = method === "POST" ? await request.post(url, { headers: https, data: {}, maxRedirects: 0 }) : await request.get(url, { headers: https, maxRedirects: 0 });
      if (!/max-age=\d{7,}/.test(res.headers()["strict-transport-security"] ?? "")) missing.push(`${method} ${url}: ${res.headers()["strict-transport-security"]}`);
    }
    expect(missing).toEqual([]);
  });

  test("each page gets its own nonce, and the page's scripts carry it", async ({ request }) => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const res = await request.get("/login");
      const nonce = /'nonce-([^']+)'/.exec(res.headers()["content-security-policy"] ?? "")?.[1];
      expect(nonce).toBeTruthy();
      nonces.add(nonce!);
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      expect(scripts.filter((s) => !s.includes(`nonce="${nonce}"`))).toEqual([]);
    }
    expect(nonces.size).toBe(3);
  });

  test("the dashboard and its charts run with no CSP violation or console error", async ({ page }) => {
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || /Content Security Policy|Permissions-Policy/i.test(m.text())) errors.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    // Violations are reported to the document as events; collect them from every page loaded.
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        const w = window as unknown as { __cspViolations?: string[] };
        (w.__cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    const violations = async () => page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);

    await page.goto("/login");
    expect(await violations()).toEqual([]);
    await signIn(page, USERS.pcc);
    await expect(page.getByTestId("viewer-name")).toBeVisible({ timeout: 30_000 });
    // Recharts draws in the browser, loaded when a chart comes into view: a drawn chart means the page's
    // scripts, and the chunk loaded later, ran under the policy.
    await page.locator("#daily").scrollIntoViewIfNeeded();
    await expect(page.locator(".recharts-surface").first()).toBeVisible({ timeout: 30_000 });
    // Tailwind's stylesheet applied (the body font and the layout's classes), not blocked.
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/Noto/i);
    expect(await violations()).toEqual([]);

    await page.goto("/coverage");
    await expect(page.locator(".recharts-surface").first()).toBeVisible({ timeout: 30_000 });
    // Client-side navigation too (the router fetches and runs more chunks).
    await page.getByRole("link", { name: /members/i }).first().click();
    await page.waitForLoadState("networkidle");
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
  });
});
