import { expect, expected, indian, signIn, test, USERS } from "@/e2e/fixtures";

test("a signed-out visit to / lands on /login", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("a signed-out visit to a dashboard page lands on /login, but /verify is public", async ({ page }) => {
  await page.goto("/targets");
  await expect(page).toHaveURL(/\/login/);
  const res = await page.goto("/verify/CG26-0000001");
  expect(res?.status()).toBe(200);
  await expect(page).toHaveURL(/\/verify\//);
});

test("a wrong password is refused without saying which part was wrong", async ({ page }) => {
  await signIn(page, USERS.pcc, "not-the-password");
  await expect(page.locator("#login-error")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, "nobody@demo.local", "not-the-password");
  await expect(page.locator("#login-error")).toHaveText("Wrong email or password.");
});

for (const role of ["pcc", "raipur", "itcell", "admin"] as const) {
  test(`${role} signs in, sees their scope, and signs out`, async ({ signedInAs }) => {
    const page = await signedInAs(role, { fresh: true });
    await expect(page.getByTestId("viewer-scope")).toContainText(role === "raipur" ? "Raipur district" : "Chhattisgarh (state)");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });
}

test("the overview shows the state's totals from the database", async ({ signedInAs }) => {
  const page = await signedInAs("pcc");
  const e = expected();
  await expect(page.getByTestId("total-members")).toHaveText(indian(e.members));
  await expect(page.getByTestId("total-booths")).toHaveText(indian(e.booths));
  await expect(page.getByTestId("booths-covered")).toHaveText(indian(e.covered));
});

test("a district president's overview shows only their district", async ({ signedInAs }) => {
  const page = await signedInAs("raipur");
  const e = expected();
  await expect(page.getByTestId("total-members")).toHaveText(indian(e.raipur_members));
  await expect(page.getByTestId("total-booths")).toHaveText(indian(e.raipur_booths));
  expect(e.raipur_members).toBeLessThan(e.members);
});

test("pages a role may not use are 404, and their nav links are hidden", async ({ signedInAs }) => {
  const page = await signedInAs("raipur");
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
  const res = await page.goto("/admin/users");
  expect(res?.status()).toBe(404);
});

test("the overview switches to Hindi", async ({ signedInAs }) => {
  const page = await signedInAs("pcc");
  await page.getByRole("button", { name: "Switch language to Hindi" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("सारांश");
  await expect(page.getByTestId("viewer-scope")).toContainText("छत्तीसगढ़");
});
