/** Enroller tokens end to end: issued on the page, used by the API, revoked on the page, refused at once. */
import { expect, test } from "@/e2e/fixtures";

test("a district president issues a token, the app enrols with it, and revoking it stops it", async ({ signedInAs }) => {
  const page = await signedInAs("raipur");
  await page.goto("/members/tokens");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Enrolment app tokens");
  // Without a search: the chief enrollers of Raipur; the district's own comes first.
  const first = page.getByTestId("posts").locator("tbody tr").first();
  await expect(first).toContainText("Chief enroller, Raipur district");
  const label = `e2e ${Date.now()}`;
  await first.getByLabel("Label for the token (optional)").fill(label);
  await first.getByRole("button", { name: "Issue token" }).click();
  const token = (await first.getByTestId("new-token-value").textContent())!.trim();
  expect(token).toMatch(/^sdt_[A-Za-z0-9_-]{43}$/);

  const epic = `QTK${String(Date.now()).slice(-7)}`;
  const body = {
    epic,
    name: "Kavita Verma",
    gender: "F",
    age: 41,
    phone: "9123456780",
    address: "Ward 9",
    religion: "Hindu",
    caste: "Kurmi",
    casteCategory: "OBC",
    boothCode: "050-003",
    consent: true,
    consentVersion: "v1",
  };
  const send = (key: string, b: unknown = body) =>
    page.request.post("/api/v1/members", { headers: { authorization: `Bearer ${token}`, "idempotency-key": key, "content-type": "application/json" }, data: JSON.stringify(b) });
  expect((await send(`tk-${epic}`)).status()).toBe(201);

  await page.reload();
  const row = page.getByTestId(`token-${token.slice(0, 8)}`);
  await expect(row).toContainText(label);
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText(`Revoke token ${token.slice(0, 8)}…`);
  await row.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(page.getByTestId("revoked-banner")).toHaveText(`Token ${token.slice(0, 8)} revoked.`);
  await expect(page.getByTestId(`token-${token.slice(0, 8)}`)).toHaveCount(0);
  expect((await send(`tk2-${epic}`, { ...body, epic: `${epic.slice(0, -1)}9` })).status()).toBe(401);

  await page.goto("/members/tokens?filter=revoked");
  await expect(page.getByTestId(`token-${token.slice(0, 8)}`)).toContainText("Revoked");
});

test("a district president finds only their own district's posts", async ({ signedInAs }) => {
  const page = await signedInAs("raipur");
  await page.goto("/members/tokens?q=030-00");
  await expect(page.getByTestId("no-posts")).toBeVisible();
  await page.goto("/members/tokens?q=049-0");
  await expect(page.getByTestId("posts")).toContainText("booth 049-0");
});

test("roles without the tokens permission get 404", async ({ signedInAs }) => {
  const page = await signedInAs("itcell");
  expect((await page.goto("/members/tokens"))?.status()).toBe(404);
});
