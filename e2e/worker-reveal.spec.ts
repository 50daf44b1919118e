/**
 * Workers' phone and EPIC on post pages: masked in the page (HTML and the React payload alike) until someone
 * who manages the section presses "Show mobile and EPIC", which writes an audit event. The card download
 * through the dashboard is audited too. Every test makes its own worker on a vacant booth of its own.
 */
import type { Page } from "@playwright/test";
import { dbClient, DEMO_PASSWORD, expect, test, USERS } from "@/e2e/fixtures";

test.describe.configure({ timeout: 180_000 });


async function signedInTo(page: Page, path: string): Promise<void> {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("Email").fill(USERS.raipur);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("viewer-name")).toBeVisible({ timeout: 30_000 });
}

test("a worker's mobile and EPIC are masked on the post page until an audited reveal", async ({ page }) => {
  await signedInTo(page, "/enrollers");
  // From the end of the vacant list, away from the booth other specs take first.
  await page.goto("/enrollers?tab=booths&show=vacant&sort=code&dir=desc");
  const rows = page.getByTestId("booth-posts").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  const code = ((await rows.nth(Math.min(count - 1, 2 + Math.floor(Math.random() * Math.max(1, count - 3)))).locator("th a").first().textContent()) ?? "").trim();
  const tail = String(Date.now() % 1_000_000_000).padStart(9, "0");
  const phone = `7${tail}`;
  const epic = `WRK${tail.slice(-7)}`;

  await page.goto(`/enrollers/enroller/booth/${code}`);
  const form = page.getByTestId("appoint-form");
  await form.getByLabel("Name", { exact: true }).fill(`Masked Worker ${tail.slice(-4)}`);
  await form.getByLabel("Mobile number", { exact: true }).fill(phone);
  await form.getByLabel("Voter card (EPIC) number (optional)").fill(epic);
  await form.getByRole("button", { name: "Appoint" }).click();
  await expect(page.getByTestId("flash")).toContainText("is appointed");

  await page.goto(`/enrollers/enroller/booth/${code}`);
  const holder = page.getByTestId("current-holder").filter({ hasText: `Masked Worker ${tail.slice(-4)}` });
  await expect(holder.getByTestId("holder-phone")).toHaveText(`${phone.slice(0, 2)}•••••${phone.slice(-3)}`);
  await expect(holder.getByTestId("holder-epic")).toHaveText(`WRK•••${epic.slice(-4)}`);
  // Neither the rendered page nor the raw answer (with the React payload) carries the full values.
  for (const text of [await page.content(), await (await page.request.get(`/enrollers/enroller/booth/${code}`)).text(), await (await page.request.get(`/enrollers?tab=booths&q=${code}`)).text()]) {
    expect(text).not.toContain(phone);
    expect(text).not.toContain(epic);
  }

  await holder.getByRole("button", { name: "Show mobile and EPIC" }).click();
  await expect(holder.getByTestId("revealed-worker-phone")).toHaveText(phone);
  await expect(holder.getByTestId("revealed-worker-epic")).toHaveText(epic);
  const eventId = Number(/event ([0-9]+)/.exec((await holder.getByTestId("worker-reveal-audit").textContent()) ?? "")?.[1]);
  expect(eventId).toBeGreaterThan(0);

  const db = await dbClient();
  if (db) {
    try {
      const { rows: events } = await db.query(
        `SELECT a.action, a.entity_type, u.email, w.phone, a.after::text AS after
           FROM audit_events a JOIN users u ON u.id = a.actor_user_id JOIN workers w ON w.id::text = a.entity_id WHERE a.id = $1`,
        [eventId],
      );
      expect(events[0]).toMatchObject({ action: "workers.reveal", entity_type: "worker", email: USERS.raipur, phone });
      expect(events[0].after).not.toContain(phone);
    } finally {
      await db.end();
    }
  }
});

test("downloading a card from the dashboard writes an audit event per download", async ({ page }) => {
  const db = await dbClient();
  test.skip(!db, "reads the audit trail from PostgreSQL");
  try {
    await signedInTo(page, "/members");
    const { rows } = await db!.query(
      `SELECT m.membership_no FROM members m JOIN districts d ON d.id = m.district_id
        WHERE d.slug = 'raipur' AND m.erased_at IS NULL ORDER BY random() LIMIT 1`,
    );
    const no = rows[0].membership_no as string;
    const count = async () =>
      Number((await db!.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'members.card.download' AND after->>'membershipNo' = $1`, [no])).rows[0].n);
    const before = await count();
    expect((await page.request.get(`/members/${no}/card`)).status()).toBe(200);
    expect((await page.request.get(`/members/${no}/card.png`)).status()).toBe(200);
    expect(await count()).toBe(before + 2);
    const { rows: events } = await db!.query(
      `SELECT a.after->>'format' AS format, u.email FROM audit_events a JOIN users u ON u.id = a.actor_user_id
        WHERE a.action = 'members.card.download' AND a.after->>'membershipNo' = $1 ORDER BY a.id DESC LIMIT 2`,
      [no],
    );
    expect(events.map((e) => [e.format, e.email])).toEqual([
      ["png", USERS.raipur],
      ["pdf", USERS.raipur],
    ]);
  } finally {
    await db?.end();
  }
});
