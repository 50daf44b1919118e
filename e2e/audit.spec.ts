import { expect, signedInTo, test } from "@/e2e/fixtures";
import { overflowing } from "@/e2e/overflow";

/**
 * The audit trail in words: an appointment made in the browser shows as "Appointed to a post" with the person
 * as a before → after line, in English and in Hindi (dates too); the filters (in the URL, applied by the
 * server) narrow the list; at 360 px nothing scrolls sideways. Kanker is a district no other spec appoints in.
 */
const run = String(Date.now() % 100_000);
const phone = () => `7${String(Date.now() % 1_000_000_000).padStart(9, "0")}`;

test("an appointment shows in words in English and Hindi, the filters narrow the trail, and it fits 360 px", async ({ page: browserPage, context }) => {
  test.slow();
  const page = await signedInTo(browserPage, "pcc", "/enrollers");
  await page.goto("/enrollers?tab=booths&show=vacant&district=kanker");
  const row = page.getByTestId("booth-posts").locator("tbody tr").first();
  await expect(row).toBeVisible();
  const code = ((await row.locator("th a").first().textContent()) ?? "").trim();
  await page.getByTestId(`booth-${code}`).getByRole("link", { name: "Appoint" }).click();
  const name = `Audit Trail ${run}`;
  const form = page.getByTestId("appoint-form");
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Mobile number", { exact: true }).fill(phone());
  await form.getByRole("button", { name: "Appoint" }).click();
  await expect(page.getByTestId("flash")).toHaveText(`${name} is appointed.`);

  // The newest appointment, in words: the action, the post and the person as a change line; no raw ids or JSON.
  await page.goto("/audit?action=appointment.appoint");
  const event = page.getByTestId("audit-row").filter({ hasText: name }).first();
  await expect(event.getByTestId("audit-action")).toHaveText("Appointed to a post");
  await expect(event).toContainText(`Enroller · Booth ${code}`);
  await expect(event.getByTestId("audit-change")).toContainText(`Person: ${name}`);
  await expect(event).not.toContainText("appointment.appoint");
  await expect(event).not.toContainText("{");
  // Only appointments are listed.
  const actions = await page.getByTestId("audit-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
  expect(actions.length).toBeGreaterThan(0);
  expect(new Set(actions)).toEqual(new Set(["appointment.appoint"]));

  // The district filter, chosen in the form: Kanker keeps the event, Raipur does not.
  await page.getByLabel("District", { exact: true }).selectOption({ label: "Kanker" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/district=kanker/);
  await expect(page).toHaveURL(/action=appointment\.appoint/);
  await expect(page.getByTestId("audit-row").filter({ hasText: name })).toHaveCount(1);
  await page.goto("/audit?action=appointment.appoint&district=raipur");
  await expect(page.getByTestId("audit-row").filter({ hasText: name })).toHaveCount(0);
  // Days: tomorrow has nothing yet; the wrong way round says so.
  const tomorrow = new Date(Date.now() + 5.5 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
  await page.goto(`/audit?from=${tomorrow}`);
  await expect(page.getByTestId("audit-empty")).toHaveText("No events match these filters.");
  await page.goto(`/audit?from=2026-12-02&to=2026-12-01`);
  await expect(page.getByTestId("audit-bad-dates")).toBeVisible();

  // In Hindi: the action, the field and the date in Hindi.
  await context.addCookies([{ name: "lang", value: "hi", url: page.url() }]);
  await page.goto("/audit?action=appointment.appoint&district=kanker");
  const hiEvent = page.getByTestId("audit-row").filter({ hasText: name }).first();
  await expect(hiEvent.getByTestId("audit-action")).toHaveText("पद पर नियुक्ति");
  await expect(hiEvent).toContainText(`सदस्यता प्रभारी · बूथ ${code}`);
  await expect(hiEvent.getByTestId("audit-change")).toContainText(`व्यक्ति: ${name}`);
  const when = (await hiEvent.locator("td").first().textContent()) ?? "";
  expect(when).toMatch(/[\u0900-\u097F]/);

  // At 360 px every event is a card and nothing scrolls sideways, in both languages.
  await page.setViewportSize({ width: 360, height: 740 });
  for (const lang of ["hi", "en"]) {
    await context.addCookies([{ name: "lang", value: lang, url: page.url() }]);
    await page.goto("/audit");
    await expect(page.getByTestId("audit-row").first()).toBeVisible();
    expect(await overflowing(page, 360)).toEqual([]);
  }
});

test("the audit trail is refused to a district president", async ({ page: browserPage }) => {
  const page = await signedInTo(browserPage, "raipur", "/");
  expect((await page.goto("/audit?district=raipur"))?.status()).toBe(404);
});
