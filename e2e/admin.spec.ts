import { expect, signIn, test } from "./fixtures";

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

  await page.goto(`/audit?q=user.`);
  await expect(page.getByTestId("audit-table")).toContainText("user.deactivate");
  await expect(page.getByTestId("audit-table")).toContainText("user.create");
});

test("the audit trail and user admin are refused to a district president", async ({ signedInAs }) => {
  const page = await signedInAs("raipur");
  expect((await page.goto("/audit"))?.status()).toBe(404);
  expect((await page.goto("/admin/users"))?.status()).toBe(404);
});
