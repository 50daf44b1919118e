import type { Page } from "@playwright/test";
import { expect, indian, num, signedInTo, test } from "@/e2e/fixtures";

/**
 * Appointments in the browser. Other specs share this database and two workers run at once, so every test
 * finds its own vacant booth or held post at run time (and in a district no other test of this file uses).
 */

/** A mobile number no seeded worker is likely to have (the seed draws from all 4·10⁹). */
const phone = () => `6${String(Date.now() % 1_000_000_000).padStart(9, "0")}`;
/** Names unique to this run, so that a re-run against the same database never meets its own earlier writes. */
const run = String(Date.now() % 100_000);

async function firstVacantBooth(page: Page, listUrl: string): Promise<string> {
  await page.goto(listUrl);
  const row = page.getByTestId("booth-posts").locator("tbody tr").first();
  await expect(row).toBeVisible();
  return ((await row.locator("th a").first().textContent()) ?? "").trim();
}

test("raipur appoints an enroller to a vacant Raipur booth and sees it listed and counted", async ({ page: browserPage }) => {
  test.slow();
  const page = await signedInTo(browserPage, "raipur", "/enrollers");
  const code = await firstVacantBooth(page, "/enrollers?tab=booths&show=vacant");
  const before = num(await page.getByTestId("booths-with-enroller").textContent());
  await page.getByTestId(`booth-${code}`).getByRole("link", { name: "Appoint" }).click();
  await expect(page).toHaveURL(new RegExp(`/enrollers/enroller/booth/${code}$`));
  await expect(page.getByTestId("post-vacant")).toBeVisible();

  const form = page.getByTestId("appoint-form");
  await form.getByLabel("Name", { exact: true }).fill("Kavita Sahu E2E");
  await form.getByLabel("Mobile number", { exact: true }).fill(`+91 ${phone()}`);
  await form.getByRole("button", { name: "Appoint" }).click();
  await expect(page.getByTestId("flash")).toHaveText("Kavita Sahu E2E is appointed.");
  await expect(page.getByTestId("current-holder")).toContainText("Kavita Sahu E2E");
  await expect(page.getByTestId("post-history")).toContainText("Kavita Sahu E2E");

  await page.goto(`/enrollers?tab=booths&q=${code}`);
  await expect(page.getByTestId(`booth-${code}`)).toContainText("Kavita Sahu E2E");
  await expect(page.getByTestId("booths-with-enroller")).toHaveText(indian(before + 1));
});

test("raipur replaces a chief enroller and sees the history", async ({ page: browserPage }) => {
  test.slow();
  const page = await signedInTo(browserPage, "raipur", "/enrollers");
  await page.goto("/enrollers?tab=chiefs");
  const row = page.getByTestId("block-chiefs").locator("tbody tr").filter({ has: page.getByTestId("holder") }).first();
  const oldName = ((await row.getByTestId("holder").locator("span.font-semibold").first().textContent()) ?? "").trim();
  expect(oldName).not.toBe("");
  await row.getByRole("link", { name: "Manage" }).click();
  await expect(page.getByTestId("current-holder")).toContainText(oldName);

  // The button reads "Replace"; screen readers hear "Replace (<name>)" (the visible words first).
  await page.getByRole("button", { name: `Replace (${oldName})` }).click();
  const form = page.getByRole("form", { name: `Replace ${oldName}` });
  // A reason is required: the error appears next to the field and nothing changes.
  await form.getByLabel("Name", { exact: true }).fill(`Dinesh Patel ${run}`);
  await form.getByLabel("Mobile number", { exact: true }).fill(phone());
  await form.getByRole("button", { name: "Replace holder" }).click();
  await expect(form.getByText("Give a reason.")).toBeVisible();
  await expect(form.getByLabel("Reason")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("current-holder")).toContainText(oldName);

  await form.getByLabel("Reason").fill("Moved to the district office");
  await form.getByRole("button", { name: "Replace holder" }).click();
  await expect(page.getByTestId("flash")).toContainText(`Dinesh Patel ${run} now holds the post`);
  await expect(page.getByTestId("current-holder")).toContainText(`Dinesh Patel ${run}`);
  await expect(page.getByTestId("current-holder")).not.toContainText(oldName);
  const history = page.getByTestId("history-row");
  await expect(history.first()).toContainText(`Dinesh Patel ${run}`);
  await expect(history.filter({ hasText: oldName }).first()).toContainText("Moved to the district office");
});

test("replacing with a known worker: the search runs inside the panel without a reload and the reason stays", async ({ page: browserPage }) => {
  test.slow();
  const page = await signedInTo(browserPage, "raipur", "/enrollers");
  // A worker known in Raipur: a booth's enroller.
  await page.goto("/enrollers?tab=booths");
  const booth = page.getByTestId("booth-posts").locator("tbody tr").filter({ has: page.getByTestId("holder") }).first();
  const known = ((await booth.getByTestId("holder").locator("span.font-semibold").first().textContent()) ?? "").trim();
  await page.goto("/enrollers?tab=chiefs");
  // The last held block post (the replace test above takes the first).
  const rows = page.getByTestId("block-chiefs").locator("tbody tr").filter({ has: page.getByTestId("holder") });
  const last = rows.last();
  const oldName = ((await last.getByTestId("holder").locator("span.font-semibold").first().textContent()) ?? "").trim();
  expect(oldName).not.toBe(known);
  await last.getByRole("link", { name: "Manage" }).click();
  await expect(page.getByTestId("current-holder")).toContainText(oldName);
  await page.getByRole("button", { name: `Replace (${oldName})` }).click();
  const form = page.getByRole("form", { name: `Replace ${oldName}` });
  const reason = "Moved to the block office (known worker)";
  await form.getByLabel("Reason").fill(reason);
  await form.getByLabel("A worker already known in your area").check();
  // Nothing is said about matches before a search.
  await expect(form.getByText("No worker of your area matches")).toHaveCount(0);
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  const url = page.url();

  const search = form.getByLabel("Find a worker by name or mobile number");
  const status = form.getByTestId("worker-search-status");
  // Enter in the box searches; it does not submit the replacement.
  await search.fill("zzq no such worker");
  await search.press("Enter");
  await expect(status).toHaveText("No worker of your area matches. Add them as a new worker.");
  await search.fill(known);
  await form.getByRole("button", { name: "Search", exact: true }).click();
  await expect(status).toContainText("found");
  await expect(form.getByTestId("worker-hits").getByRole("radio").first()).toBeVisible();
  // Same page, same panel, the reason as typed.
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  expect(page.url()).toBe(url);
  await expect(form.getByLabel("Reason")).toHaveValue(reason);
  await expect(page.getByTestId("current-holder")).toContainText(oldName);

  await form.getByTestId("worker-hits").getByRole("radio").first().check();
  await form.getByRole("button", { name: "Replace holder" }).click();
  await expect(page.getByTestId("flash")).toContainText("now holds the post");
  await expect(page.getByTestId("current-holder")).toContainText(known);
  await expect(page.getByTestId("history-row").filter({ hasText: oldName }).first()).toContainText(reason);
});

test("the appoint form is usable at 360 px and shows errors next to the fields", async ({ page: browserPage }) => {
  test.slow();
  const page = await signedInTo(browserPage, "pcc", "/enrollers");
  await page.setViewportSize({ width: 360, height: 740 });
  const code = await firstVacantBooth(page, "/enrollers?tab=booths&show=vacant&district=bilaspur&sort=code&dir=desc");
  await page.goto(`/enrollers/enroller/booth/${code}`);
  const form = page.getByTestId("appoint-form");
  await expect(form).toBeVisible();
  // Nothing on the page is wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  for (const el of [form.getByLabel("Name", { exact: true }), form.getByLabel("Mobile number", { exact: true }), form.getByRole("button", { name: "Appoint" })]) {
    const box = await el.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    expect(box!.height).toBeGreaterThanOrEqual(40);
  }

  await form.getByLabel("Mobile number", { exact: true }).fill("12345");
  await form.getByLabel("Voter card (EPIC) number (optional)").fill("AB12");
  await form.getByRole("button", { name: "Appoint" }).click();
  const phoneInput = form.getByLabel("Mobile number", { exact: true });
  await expect(phoneInput).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(`#${await phoneInput.getAttribute("id")}-error`)).toHaveText(
    "Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9.",
  );
  await expect(form.getByText("Enter the worker's name (up to 100 characters).")).toBeVisible();
  await expect(form.getByText("An EPIC number is three letters and seven digits, e.g. ABC1234567.")).toBeVisible();
  // What was typed is still there to correct.
  await expect(phoneInput).toHaveValue("12345");

  await form.getByLabel("Name", { exact: true }).fill("Mobile Tester");
  await phoneInput.fill(phone());
  await form.getByLabel("Voter card (EPIC) number (optional)").fill("abc1234567");
  await form.getByRole("button", { name: "Appoint" }).click();
  // Saved upper-cased, shown masked (the full EPIC only through the audited reveal).
  const holder = page.getByTestId("current-holder").filter({ hasText: "Mobile Tester" });
  await expect(holder).toContainText("ABC•••4567");
  await expect(holder).not.toContainText("ABC1234567");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test("a district president cannot open or act on another district's post", async ({ page: browserPage }) => {
  const page = await signedInTo(browserPage, "raipur", "/enrollers");
  // 064 is Durg City, wholly in Durg district.
  const res = await page.goto("/enrollers/enroller/booth/064-001");
  expect(res?.status()).toBe(404);
  expect((await page.goto("/it-cell"))?.status()).toBe(404);
  expect((await page.goto("/enrollers/chief-enroller/district/durg"))?.status()).toBe(404);
  // Their own district's post opens.
  expect((await page.goto("/enrollers/chief-enroller/district/raipur"))?.status()).toBe(200);
});

test("the import previews each row's outcome and saves nothing from a file with a bad row", async ({ page: browserPage }) => {
  const page = await signedInTo(browserPage, "raipur", "/enrollers");
  await page.goto("/enrollers/import");
  const file = ["role,unit_level,unit_code,name,phone,epic", "enroller,booth,064-001,Out Of Area,9876501234,", "enroller,booth,999-999,Nowhere,98765,"].join("\r\n");
  await page.getByLabel("CSV file").setInputFiles({ name: "enrollers.csv", mimeType: "text/csv", buffer: Buffer.from(file) });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-status")).toHaveText("The file has rejected rows, so nothing was saved. Correct them and preview again.");
  await expect(page.getByTestId("import-line-2")).toContainText('No Booth "064-001" in your area.');
  await expect(page.getByTestId("import-line-3")).toContainText('"98765" is not a 10-digit Indian mobile number.');
  await expect(page.getByTestId("count-rejected")).toHaveText("Rejected: 2");
  await expect(page.getByRole("button", { name: "Save these appointments" })).toHaveCount(0);
});

test("a district president records a two-day training; on its first day only day one can be marked, and the server refuses more", async ({ page: browserPage }) => {
  test.slow();
  const page = await signedInTo(browserPage, "raipur", "/enrollers");
  await page.goto("/enrollers/trainings");
  const form = page.getByTestId("training-form");
  const title = `Block chiefs E2E ${Date.now()}`;
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Place").fill("Congress Bhawan, Raipur");
  // The form's default: today and tomorrow.
  await form.getByRole("button", { name: "Create session" }).click();
  await expect(page.getByTestId("flash")).toHaveText("The session is created. Mark attendance on its page.");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByTestId("days-not-begun")).toContainText("at most 1 of 2 days can be marked");
  const first = page.getByTestId("attendance-form").locator("tbody tr").first();
  const select = first.locator("select");
  // Day two has not begun: "All 2 days" is not offered…
  await expect(select.locator("option")).toHaveText(["Not attended", "1 of 2 days"]);
  // …and a forged "2" is refused by the server next to the person's field, nothing saved.
  await select.evaluate((el: HTMLSelectElement) => el.add(new Option("All 2 days (forged)", "2")));
  await select.selectOption("2");
  await page.getByRole("button", { name: "Save attendance" }).click();
  await expect(page.getByTestId("attendance-form").getByTestId("form-error")).toHaveText("Attendance can be marked only for days that have begun.");
  await expect(first).toContainText("Only 1 of the 2 days have begun: mark a day once it has come.");
  await expect(select).toHaveAttribute("aria-invalid", "true");

  await select.selectOption({ label: "1 of 2 days" });
  await page.getByRole("button", { name: "Save attendance" }).click();
  await expect(page.getByTestId("flash")).toHaveText("Attendance saved (1 changed).");
  // One day of two is attendance, not training.
  await page.goto("/enrollers/trainings");
  const row = page.getByTestId("trainings").locator("tbody tr").filter({ hasText: title });
  await expect(row.locator("td").nth(2)).toHaveText("1");
  await expect(row.locator("td").nth(3)).toHaveText("0");
});

test("the enrollers page speaks Hindi", async ({ page: browserPage, context }) => {
  const page = await signedInTo(browserPage, "raipur", "/enrollers");
  await context.addCookies([{ name: "lang", value: "hi", url: page.url() }]);
  await page.goto("/enrollers");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("सदस्यता प्रभारी");
  await expect(page.getByText("नियुक्त मुख्य सदस्यता प्रभारी")).toBeVisible();
});
