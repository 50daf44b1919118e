import { expect, signedInTo, test } from "@/e2e/fixtures";

/**
 * Trainings in the browser: a chief enroller counts as trained only once every day of a session is attended,
 * and a day is marked only once it has begun (India time). Each test makes its own session.
 */

/** `YYYY-MM-DD` in India, `days` from today. */
const indiaDay = (days: number) => new Date(Date.now() + 5.5 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

test("on the last day of a session every day can be marked, and the person counts as trained; on a phone the name and the days sit together", async ({
  page: browserPage,
}) => {
  test.slow();
  const page = await signedInTo(browserPage, "raipur", "/enrollers");
  await page.goto("/enrollers/trainings");
  const form = page.getByTestId("training-form");
  const title = `Yesterday and today E2E ${Date.now()}`;
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Place").fill("Congress Bhawan, Raipur");
  await form.getByLabel("First day").fill(indiaDay(-1));
  await form.getByLabel("Last day").fill(indiaDay(0));
  await form.getByRole("button", { name: "Create session" }).click();
  await expect(page.getByTestId("flash")).toHaveText("The session is created. Mark attendance on its page.");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByTestId("days-not-begun")).toHaveCount(0);

  await page.setViewportSize({ width: 360, height: 740 });
  const row = page.getByTestId("attendance-form").locator("tbody tr").first();
  const name = row.locator("th label");
  const select = row.locator("select");
  await expect(select.locator("option")).toHaveText(["Not attended", "1 of 2 days", "All 2 days"]);
  // A card: the person's name and their select both on the phone's screen, the select a 44 px target.
  for (const el of [name, select]) {
    const box = (await el.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
  }
  expect((await select.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // The select is named by the person's name.
  await expect(page.getByLabel((await name.textContent())!.trim(), { exact: true }).first()).toBeVisible();

  await select.selectOption({ label: "All 2 days" });
  await page.getByRole("button", { name: "Save attendance" }).click();
  await expect(page.getByTestId("flash")).toHaveText("Attendance saved (1 changed).");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/enrollers/trainings");
  const listed = page.getByTestId("trainings").locator("tbody tr").filter({ hasText: title });
  await expect(listed.locator("td").nth(2)).toHaveText("1");
  await expect(listed.locator("td").nth(3)).toHaveText("1");
});

test("a session that has not begun shows when it begins and offers no marks", async ({ page: browserPage }) => {
  const page = await signedInTo(browserPage, "raipur", "/enrollers");
  await page.goto("/enrollers/trainings");
  const form = page.getByTestId("training-form");
  const title = `Next week E2E ${Date.now()}`;
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Place").fill("Dharsiwa");
  await form.getByLabel("First day").fill(indiaDay(7));
  await form.getByLabel("Last day").fill(indiaDay(8));
  await form.getByRole("button", { name: "Create session" }).click();
  await expect(page.getByTestId("flash")).toHaveText("The session is created. Mark attendance on its page.");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByTestId("days-not-begun")).toContainText("Attendance can be marked from that day.");
  await expect(page.getByTestId("attendance-form")).toHaveCount(0);
  await expect(page.getByTestId("attendance-list")).toBeVisible();
});
