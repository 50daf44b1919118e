import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test as base, type BrowserContext, type Page } from "@playwright/test";
import { Client } from "pg";

export const DEMO_PASSWORD = "demo-password";
export const USERS = {
  pcc: "pcc@demo.local",
  raipur: "raipur@demo.local",
  itcell: "itcell@demo.local",
  admin: "admin@demo.local",
} as const;
export type Role = keyof typeof USERS;

export interface Expected {
  members: number;
  booths: number;
  covered: number;
  raipur_members: number;
  raipur_booths: number;
  engine: string;
}

/** Totals read from the database right after seeding (see e2e/serve.ts). */
export function expected(): Expected {
  const port = process.env.E2E_PORT ?? "3200";
  return JSON.parse(readFileSync(path.join("e2e", ".state", `expected-${port}.json`), "utf8")) as Expected;
}

/** Indian grouping, as the pages print numbers. */
export const indian = (n: number) => new Intl.NumberFormat("en-IN").format(n);
/** The number a page printed (Indian grouping or not), read back. */
export const num = (s: string | null) => Number((s ?? "").replace(/[^0-9]/g, ""));

/** Fills and submits the sign-in form; with `callbackPath`, sign-in lands there instead of the overview. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, callbackPath?: string) {
  await page.goto(callbackPath ? `/login?callbackUrl=${encodeURIComponent(callbackPath)}` : "/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Signs `role` in straight to `path`, in a session of its own: the overview that sign-in lands on by default
 * is another feature's heaviest page, and on a cold, shared 2-core machine it can outlast the shared fixture's
 * wait.
 */
export async function signedInTo(page: Page, role: Role, path: string): Promise<Page> {
  await signIn(page, USERS[role], DEMO_PASSWORD, path);
  await expect(page.getByTestId("viewer-name")).toBeVisible({ timeout: 30_000 });
  return page;
}

/** Where a role's signed-in cookies are kept for this server (e2e/serve.ts deletes them when it starts). */
export function sessionStatePath(role: Role): string {
  return path.join("e2e", ".state", `session-${process.env.E2E_PORT ?? "3200"}-${role}.json`);
}

const SESSION_COOKIE = /authjs\.session-token/;

/** Reuses the role's saved session cookie; false when there is none or the server no longer accepts it. */
async function restoreSession(page: Page, role: Role): Promise<boolean> {
  const file = sessionStatePath(role);
  if (!existsSync(file)) return false;
  const cookies = JSON.parse(readFileSync(file, "utf8")) as Parameters<BrowserContext["addCookies"]>[0];
  await page.context().addCookies(cookies);
  await page.goto("/");
  if (!new URL(page.url()).pathname.startsWith("/login")) return true;
  await page.context().clearCookies({ name: SESSION_COOKIE });
  return false;
}

async function saveSession(page: Page, role: Role) {
  const cookies = (await page.context().cookies()).filter((c) => SESSION_COOKIE.test(c.name));
  const file = sessionStatePath(role);
  const tmp = `${file}.${process.pid}.${Date.now()}`;
  writeFileSync(tmp, JSON.stringify(cookies));
  renameSync(tmp, file);
}

/**
 * `signedInAs(role)` signs each role in once per server and reuses that session's cookie in every later
 * test (a sign-in costs a bcrypt hash and a dashboard render). A test that signs out, or otherwise ends its
 * session, asks for `{ fresh: true }`: a session of its own, so the shared one stays open for the others.
 */
export const test = base.extend<{ signedInAs: (role: Role, opts?: { fresh?: boolean }) => Promise<Page> }>({
  signedInAs: async ({ page }, use) => {
    await use(async (role, opts) => {
      if (!opts?.fresh && (await restoreSession(page, role))) {
        await expect(page.getByTestId("viewer-name")).toBeVisible({ timeout: 30_000 });
        return page;
      }
      await signIn(page, USERS[role]);
      // Generous: the first page after signing in renders every chart, and CI machines are shared.
      await expect(page.getByTestId("viewer-name")).toBeVisible({ timeout: 30_000 });
      if (!opts?.fresh) await saveSession(page, role);
      return page;
    });
  },
});

export { expect };

/** A connection to the e2e server's database when it is PostgreSQL (null on PGlite, which one process holds). */
export async function dbClient(): Promise<Client | null> {
  if (!process.env.TEST_DATABASE_URL) return null;
  const u = new URL(process.env.TEST_DATABASE_URL);
  u.pathname = `/${process.env.E2E_DB_NAME ?? "sadasyata_e2e"}`;
  const c = new Client({ connectionString: u.toString() });
  await c.connect();
  return c;
}
