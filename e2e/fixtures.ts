import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test as base, type Page } from "@playwright/test";
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

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export const test = base.extend<{ signedInAs: (role: Role) => Promise<Page> }>({
  signedInAs: async ({ page }, use) => {
    await use(async (role) => {
      await signIn(page, USERS[role]);
      // Generous: the first page after signing in renders every chart, and CI machines are shared.
      await expect(page.getByTestId("viewer-name")).toBeVisible({ timeout: 30_000 });
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
