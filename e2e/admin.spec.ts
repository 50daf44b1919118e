import type { Page } from "@playwright/test";
import { expect, signIn, test } from "@/e2e/fixtures";

test("an administrator adds a district president, who can sign in, then deactivates them", async ({ signedInAs, browser }) => {
  const page = await signedInAs("admin");
  await page.goto("/admin/users");
  const email = `durg-${Date.now()}@demo.local`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill("District president, Durg");
  await page.getByLabel("Role").selectOption("district_president");
  await page.getByLabel("Area", { exact: true }).selectOption({ label: "Durg" });
  await page.getByLabel(/Initial password/).fill("short");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.locator("#password-error")).toHaveText("The password needs at least 10 characters.");
  await page.getByLabel(/Initial password/).fill("a-long-enough-password");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status")).toHaveText(`Added ${email}.`);
  await expect(page.getByTestId("users-table")).toContainText(email);

  // The new user signs in and sees Durg only.
  const other = await browser.newPage();
  await signIn(other, email, "a-long-enough-password");
  await expect(other.getByTestId("viewer-scope")).toContainText("Durg district");

  // Deactivated: their next click lands on the login page.
  page.once("dialog", (d) => d.accept());
  await page.getByRole("row", { name: new RegExp(email) }).getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("Deactivated");
  await other.goto("/");
  await expect(other).toHaveURL(/\/login/);

  await page.goto(`/audit?action=user.deactivate`);
  await expect(page.getByTestId("audit-table")).toContainText("User deactivated");
  await expect(page.getByTestId("audit-table")).toContainText(email);
  await page.goto(`/audit?action=user.create`);
  await expect(page.getByTestId("audit-table")).toContainText("User added");
});

test("the audit trail and user admin are refused to a district president", async ({ signedInAs }) => {
  const page = await signedInAs("raipur");
  expect((await page.goto("/audit"))?.status()).toBe(404);
  expect((await page.goto("/admin/users"))?.status()).toBe(404);
});

/** The "Add a user" section of /admin/users (the manage panel has role and area fields too). */
const addForm = (page: Page) => page.getByRole("region", { name: "Add a user" });

test("the area list follows role and level, and resets after a user is added; the saved users hold the chosen units", async ({ signedInAs }) => {
  const page = await signedInAs("admin");
  await page.goto("/admin/users");
  const form = addForm(page);
  const level = form.getByLabel("Area level");
  const area = form.getByLabel("Area", { exact: true });

  // An IT-cell head for Lok Sabha seat 7 (Durg).
  const itEmail = `it-durg-${Date.now()}@demo.local`;
  await form.getByLabel("Email").fill(itEmail);
  await form.getByLabel("Name").fill("IT head, Durg seat");
  await form.getByLabel("Role").selectOption("it_head");
  await expect(level).toHaveValue("state");
  await expect(area).toHaveCount(0);
  await level.selectOption("pc");
  await area.selectOption({ label: "7 · Durg" });
  // Changing the level empties the choice and lists that level's units only.
  await level.selectOption("district");
  await expect(area).toHaveValue("");
  await expect(area.locator("option", { hasText: "7 · Durg" })).toHaveCount(0);
  await expect(area.locator("option", { hasText: /^Durg$/ })).toHaveCount(1);
  await level.selectOption("pc");
  await expect(area).toHaveValue("");
  await area.selectOption({ label: "7 · Durg" });
  await form.getByLabel(/Initial password/).fill("a-long-enough-password");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByRole("status")).toHaveText(`Added ${itEmail}.`);
  await expect(page.getByRole("row", { name: new RegExp(itEmail) })).toContainText("Lok Sabha seat · Durg");

  // After the save the form starts afresh: level and list agree (the old form showed "District" over the
  // Lok Sabha seats here, and "7 · Durg" saved district 7).
  await expect(form.getByLabel("Role")).toHaveValue("district_president");
  await expect(level).toHaveValue("district");
  await expect(area).toHaveValue("");
  await expect(area.locator("option", { hasText: "7 · Durg" })).toHaveCount(0);
  const dpEmail = `dp-durg-${Date.now()}@demo.local`;
  await form.getByLabel("Email").fill(dpEmail);
  await form.getByLabel("Name").fill("District president, Durg");
  await area.selectOption({ label: "Durg" });
  await form.getByLabel(/Initial password/).fill("a-long-enough-password");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByRole("status")).toHaveText(`Added ${dpEmail}.`);
  await expect(page.getByRole("row", { name: new RegExp(dpEmail) })).toContainText("District · Durg");

  await page.goto(`/audit?action=user.create`);
  await expect(page.getByTestId("audit-table")).toContainText(dpEmail);
});

test("editing a user's area signs them out; a password reset makes their captured cookie worthless", async ({ signedInAs, browser }) => {
  const page = await signedInAs("admin");
  await page.goto("/admin/users");
  const form = addForm(page);
  const email = `it-edit-${Date.now()}@demo.local`;
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Name").fill("IT head to move");
  await form.getByLabel("Role").selectOption("it_head");
  await form.getByLabel("Area level").selectOption("pc");
  await form.getByLabel("Area", { exact: true }).selectOption({ label: "7 · Durg" });
  await form.getByLabel(/Initial password/).fill("a-long-enough-password");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByRole("status")).toHaveText(`Added ${email}.`);

  // The user signs in elsewhere.
  const userContext = await browser.newContext();
  const user = await userContext.newPage();
  await signIn(user, email, "a-long-enough-password");
  await expect(user.getByTestId("viewer-scope")).toContainText("Durg");

  // The administrator moves them to assembly seat 63: their session ends, the table shows the new area.
  await page.getByRole("row", { name: new RegExp(email) }).getByRole("link", { name: /Manage/ }).click();
  const panel = page.getByRole("region", { name: `Manage ${email}` });
  await expect(panel).toBeVisible();
  await expect(panel.getByLabel("Area", { exact: true })).toHaveValue(/^pc:\d+$/);
  await panel.getByLabel("Area level").selectOption("ac");
  await expect(panel.getByLabel("Area", { exact: true })).toHaveValue("");
  await panel.getByLabel("Area", { exact: true }).selectOption({ label: "63 · Durg Rural" });
  await panel.getByRole("button", { name: "Save role and area" }).click();
  await expect(panel.getByRole("status").first()).toContainText("signed out everywhere");
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("Assembly seat · Durg Rural");
  await user.goto("/");
  await expect(user).toHaveURL(/\/login/);

  // Signed in again (new area), the cookie is captured; then the administrator resets the password.
  await signIn(user, email, "a-long-enough-password");
  await expect(user.getByTestId("viewer-scope")).toContainText("Durg Rural");
  const captured = await userContext.cookies();
  page.once("dialog", (d) => d.accept());
  await panel.getByRole("button", { name: "Reset password" }).click();
  const temporary = (await panel.getByTestId("temporary-password").textContent())!.trim();
  expect(temporary).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);

  // Replaying the captured cookie from a fresh browser lands on the login page.
  const replayContext = await browser.newContext();
  await replayContext.addCookies(captured);
  const replay = await replayContext.newPage();
  await replay.goto("/");
  await expect(replay).toHaveURL(/\/login/);
  const session = await replayContext.request.get("/api/auth/session");
  expect(await session.text()).not.toContain(email);

  // The old password no longer works; the temporary one does.
  await signIn(replay, email, "a-long-enough-password");
  await expect(replay.locator("#login-error")).toContainText("Wrong email or password");
  await signIn(replay, email, temporary);
  await expect(replay.getByTestId("viewer-name")).toBeVisible();

  // "Sign out everywhere" ends that new session too.
  page.once("dialog", (d) => d.accept());
  await panel.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(panel.getByText(/has been signed out everywhere \(1 sessions ended\)/)).toBeVisible();
  await replay.goto("/");
  await expect(replay).toHaveURL(/\/login/);

  // The trail names each action in words; the temporary password is never in it.
  for (const [action, words] of [
    ["user.update", "User's role or area changed"],
    ["user.password_reset", "Password reset"],
    ["user.sign_out_everywhere", "Signed out on every device"],
  ]) {
    await page.goto(`/audit?action=${action}`);
    const audit = page.getByTestId("audit-table");
    await expect(audit).toContainText(words!);
    await expect(audit).toContainText(email);
    await expect(audit).not.toContainText(temporary);
  }
  await userContext.close();
  await replayContext.close();
});

test("user administration fits a 360 px screen", async ({ signedInAs }) => {
  const page = await signedInAs("admin");
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/admin/users");
  await page.getByRole("row", { name: /raipur@demo\.local/ }).getByRole("link", { name: /Manage/ }).click();
  const panel = page.getByRole("region", { name: "Manage raipur@demo.local" });
  await expect(panel).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  for (const control of [
    panel.getByLabel("Area", { exact: true }),
    panel.getByRole("button", { name: "Save role and area" }),
    panel.getByRole("button", { name: "Reset password" }),
    panel.getByRole("button", { name: "Sign out everywhere" }),
    addForm(page).getByRole("button", { name: "Add user" }),
  ]) {
    const box = await control.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  }
});
