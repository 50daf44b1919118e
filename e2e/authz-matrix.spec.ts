/**
 * The authorization matrix (issue 9): every route file under app/ × every principal, against `next start`.
 * The table is e2e/authz-matrix.ts; this file lists the routes from app/ itself, signs the principals in,
 * and checks every cell: the status, no 5xx, the security headers, and that no answer carries another
 * area's names. Cells are plain HTTP requests (Node's fetch, redirects not followed, the cookie sent
 * explicitly so that a replayed cookie stays exactly the captured one), a few at a time.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "@playwright/test";
import { matrix, PRINCIPAL_KEYS, PRINCIPALS, type Case, type Outcome, type PrincipalKey, type Row } from "@/e2e/authz-matrix";
import { DEMO_PASSWORD, expect, signIn, test, USERS } from "@/e2e/fixtures";
import { MATRIX_USERS, matrixStatePath, type MatrixSamples } from "@/e2e/matrix-users";
import { securityHeaderProblems } from "@/e2e/security-headers";

const CONCURRENCY = 4;
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3200}`;

/** Route patterns of app/: each page.tsx and route.ts, route groups `(…)` removed. */
function appRoutes(dir = "app", segments: string[] = []): { route: string; file: string }[] {
  const out: { route: string; file: string }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // Private folders (`_x`) are not routes.
      if (entry.name.startsWith("_")) continue;
      const group = /^\(.*\)$/.test(entry.name);
      out.push(...appRoutes(full, group ? segments : [...segments, entry.name]));
    } else if (/^(page|route)\.(tsx|ts|jsx|js)$/.test(entry.name)) {
      out.push({ route: `/${segments.join("/")}`, file: full });
    }
  }
  return out;
}

function samples(): MatrixSamples {
  return JSON.parse(readFileSync(matrixStatePath(), "utf8")) as MatrixSamples;
}

test("every route under app/ has a row in the matrix, and every row a route", () => {
  const routes = appRoutes();
  const rows = new Set(matrix(samples()).map((r) => r.route));
  const missing = routes.filter((r) => !rows.has(r.route)).map((r) => `${r.route} (${r.file})`);
  expect(missing, `route files without a row in e2e/authz-matrix.ts:\n${missing.join("\n")}`).toEqual([]);
  const files = new Set(routes.map((r) => r.route));
  const stale = [...rows].filter((r) => !files.has(r));
  expect(stale, `rows in e2e/authz-matrix.ts for routes that no longer exist:\n${stale.join("\n")}`).toEqual([]);
});

// ---- Signing in -------------------------------------------------------------------------------------------

function cookieHeader(setCookies: string[], jar = new Map<string, string>()): Map<string, string> {
  for (const c of setCookies) {
    const [pair] = c.split(";");
    const eq = pair!.indexOf("=");
    const name = pair!.slice(0, eq).trim();
    const value = pair!.slice(eq + 1).trim();
    if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) jar.delete(name);
    else jar.set(name, value);
  }
  return jar;
}
const serialise = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
const hasSessionCookie = (cookie: string) => /(^|; )(__Secure-)?authjs\.session-token(\.\d+)?=/.test(cookie);

/** Signs in through Auth.js's credentials callback (the path scripts use); returns the Cookie header. */
async function signInApi(email: string): Promise<string> {
  const csrf = await fetch(`${baseURL}/api/auth/csrf`);
  const jar = cookieHeader(csrf.headers.getSetCookie());
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: serialise(jar) },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, csrfToken, callbackUrl: `${baseURL}/` }),
  });
  cookieHeader(res.headers.getSetCookie(), jar);
  return serialise(jar);
}

/** Signs in through the login form in a browser and returns the cookies the browser holds. */
async function browserCookies(browser: Browser, email: string, then?: (page: import("@playwright/test").Page) => Promise<void>) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page.getByTestId("viewer-name")).toBeVisible({ timeout: 30_000 });
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  await then?.(page);
  await context.close();
  return cookie;
}

async function principals(browser: Browser): Promise<Record<PrincipalKey, string>> {
  const cookies = {} as Record<PrincipalKey, string>;
  cookies.signedOut = "";
  for (const key of PRINCIPAL_KEYS) {
    const { area, email } = PRINCIPALS[key];
    if (area === "none" || !email) continue;
    cookies[key] = await signInApi(email);
    expect(hasSessionCookie(cookies[key]), `${key} (${email}) signed in`).toBe(true);
  }

  // A cookie captured while signed in, then "Sign out" clicked in that same browser.
  cookies.replayed = await browserCookies(browser, MATRIX_USERS.signOut.email, async (page) => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
  });

  // A cookie captured while signed in; then the administrator deactivates the user on /admin/users.
  cookies.deactivated = await signInApi(MATRIX_USERS.deactivate.email);
  expect(hasSessionCookie(cookies.deactivated), "the user to deactivate signed in").toBe(true);
  const admin = await browser.newContext({ baseURL });
  const page = await admin.newPage();
  await signIn(page, USERS.admin);
  await expect(page.getByTestId("viewer-name")).toBeVisible({ timeout: 30_000 });
  await page.goto("/admin/users");
  const row = page.getByRole("row", { name: new RegExp(MATRIX_USERS.deactivate.email.replace(/\./g, "\\.")) });
  page.once("dialog", (d) => d.accept());
  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(row).toContainText("Deactivated");
  await admin.close();

  // A user seeded inactive gets no session at all.
  expect(hasSessionCookie(await signInApi(MATRIX_USERS.inactive.email)), "an inactive user cannot sign in").toBe(false);
  return cookies;
}

// ---- Checking a cell --------------------------------------------------------------------------------------

const isRedirect = (status: number) => [301, 302, 303, 307, 308].includes(status);
const locationPath = (location: string | null) => (location ? new URL(location, baseURL).pathname : "");

function outcomeMatches(row: Row, expected: Outcome, status: number, location: string | null): boolean {
  if (expected === "login") {
    const toLogin = isRedirect(status) && locationPath(location) === "/login";
    return row.kind === "page" ? toLogin : toLogin || status === 401;
  }
  if (expected === "home") return isRedirect(status) && locationPath(location) === "/";
  return status === expected;
}

interface Cell {
  principal: PrincipalKey;
  row: Row;
  c: Case;
}

async function checkCell({ principal, row, c }: Cell, cookie: string): Promise<string[]> {
  const method = row.method ?? "GET";
  const headers: Record<string, string> = { ...row.headers };
  if (cookie) headers.cookie = cookie;
  const res = await fetch(`${baseURL}${c.path}`, {
    method,
    redirect: "manual",
    headers,
    body: method === "POST" ? (row.body ?? "") : undefined,
  });
  const body = Buffer.from(await res.arrayBuffer()).toString("latin1");
  const where = `${principal} ${method} ${c.path}`;
  const location = res.headers.get("location");
  const problems: string[] = [];
  const expected = c.expect[principal];
  if (res.status >= 500) problems.push(`${where}: answered ${res.status}`);
  else if (!outcomeMatches(row, expected, res.status, location)) {
    problems.push(`${where}: expected ${expected}, got ${res.status}${location ? ` → ${location}` : ""}`);
  }
  const headerProblems = securityHeaderProblems(Object.fromEntries(res.headers));
  if (headerProblems.length > 0) problems.push(`${where}: headers: ${headerProblems.join("; ")}`);

  const area = PRINCIPALS[principal].area;
  const foreign = c.secretFromAll || (area !== "state" && c.area !== undefined && c.area !== area);
  if (c.secret && foreign) {
    // The page is UTF-8; latin1 keeps the bytes, so an ASCII name is found either way.
    for (const secret of [c.secret].flat()) {
      if (body.includes(secret)) problems.push(`${where}: the answer carries "${secret}" from ${c.area}`);
    }
  }
  if (c.check === "session") {
    const live = area !== "none";
    const json = body.trim() === "" ? null : (JSON.parse(body) as { user?: { id?: string } } | null);
    const named = Boolean(json?.user?.id);
    if (named !== live) problems.push(`${where}: session ${named ? "names a user" : "names no user"}`);
    const reissued = res.headers.getSetCookie().some((sc) => /authjs\.session-token(\.\d+)?=[^;]+/.test(sc) && !/max-age=0|expires=thu, 01 jan 1970/i.test(sc));
    if (!live && reissued) problems.push(`${where}: re-issued a session cookie`);
  }
  return problems;
}

async function pool<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!);
      }
    }),
  );
  return out;
}

test("every route × principal answers as the matrix says, with security headers and nothing from another area", async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  const rows = matrix(samples());
  const cookies = await principals(browser);
  const cells: Cell[] = rows.flatMap((row) => row.cases.flatMap((c) => PRINCIPAL_KEYS.map((principal) => ({ principal, row, c }))));
  const started = Date.now();
  const results = await pool(cells, CONCURRENCY, (cell) =>
    checkCell(cell, cookies[cell.principal]).catch((err: Error) => [`${cell.principal} ${cell.c.path}: ${err.message}`]),
  );
  const failures = results.flat();
  const failingCells = results.filter((r) => r.length > 0).length;
  const kinds = (re: RegExp) => failures.filter((f) => re.test(f)).length;
  const summary =
    `${rows.length} routes, ${cells.length} cells (${PRINCIPAL_KEYS.length} principals), ${failingCells} failing: ` +
    `${kinds(/: (expected|answered) /)} status, ${kinds(/: headers: /)} headers, ${kinds(/: the answer carries /)} other area's data, ` +
    `${kinds(/: session |re-issued/)} session; ${((Date.now() - started) / 1000).toFixed(1)} s`;
  console.log(`[authz-matrix] ${summary}`);
  testInfo.annotations.push({ type: "matrix", description: summary });
  await testInfo.attach("matrix-failures.txt", { body: failures.join("\n") || "none", contentType: "text/plain" });
  expect(failures, `${summary}:\n${failures.join("\n")}`).toEqual([]);
});
