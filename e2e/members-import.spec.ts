/** The member upload page: a file with good and bad lines, its progress, and the per-line outcome. */
import { expect, test } from "@/e2e/fixtures";

const RUN = String(Date.now() % 10_000).padStart(4, "0");
const HEADER = "epic,name,gender,age,phone,address,religion,caste,caste_category,booth_code,consent,consent_version";
const row = (epic: string, booth: string, extra: Partial<Record<"age" | "consent", string>> = {}) =>
  [epic, "सुनीता साहू", "F", extra.age ?? "30", "9876543210", '"House 4, Ward 2"', "Hindu", "Sahu", "OBC", booth, extra.consent ?? "yes", "v1"].join(",");

test("a district president imports a file: progress, rejected lines with reasons, outcome download", async ({ signedInAs }) => {
  const page = await signedInAs("raipur");
  await page.goto("/members/import");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import members from a file");
  const lines = [HEADER];
  for (let i = 0; i < 120; i++) lines.push(row(`QIM${RUN}${String(i).padStart(3, "0")}`, `049-0${10 + (i % 50)}`));
  lines.push(row(`QIX${RUN}001`, "030-001")); // line 122: a Bilaspur booth, outside Raipur
  lines.push(row("NOT-AN-EPIC", "049-010")); // line 123
  lines.push(row(`QIX${RUN}003`, "049-010", { age: "15" })); // line 124
  lines.push(row(`QIM${RUN}000`, "049-011")); // line 125: the same EPIC as line 2
  await page.getByLabel("CSV file").setInputFiles({ name: `members-${RUN}.csv`, mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`) });
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.getByTestId("import-message")).toContainText("started");
  await expect(page.getByTestId("import-status")).toContainText("Done", { timeout: 30_000 });
  await expect(page.getByTestId("import-rows")).toHaveText("124 of 124 rows");
  await expect(page.getByTestId("import-counts")).toHaveText("120 saved · 1 duplicates · 3 rejected so far");
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "124");

  const href = await page.getByTestId("import-download").getAttribute("href");
  const csv = await (await page.request.get(href!)).text();
  const byLine = new Map(csv.replace(/^\uFEFF/, "").trim().split("\r\n").slice(1).map((l) => [Number(l.split(",")[0]), l]));
  expect(byLine.size).toBe(124);
  expect(byLine.get(2)).toMatch(/^2,created,,CG[0-9]{2}-[0-9]{7}$/);
  expect(byLine.get(122)).toContain("rejected,This booth is outside your area.");
  expect(byLine.get(123)).toContain('rejected,"Enter the voter-card (EPIC) number');
  expect(byLine.get(124)).toContain("rejected,Age must be");
  expect(byLine.get(125)).toContain("duplicate,The same EPIC appears on line 2 of this file.");

  // The same file again is recognised and not imported twice.
  await page.reload();
  await page.getByLabel("CSV file").setInputFiles({ name: `members-${RUN}.csv`, mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`) });
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.getByTestId("import-message")).toContainText("imported completely before");
});

test("a file without a required column is refused whole, naming the line", async ({ signedInAs }) => {
  const page = await signedInAs("pcc");
  await page.goto("/members/import");
  const csv = `${HEADER.replace(",consent,", ",")}\n${row(`QIB${RUN}001`, "049-010")}\n`;
  await page.getByLabel("CSV file").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.getByTestId("import-message")).toHaveText("The file was not imported; nothing was saved:");
  await expect(page.getByTestId("import-problems")).toHaveText('Line 1: missing column "consent"');
});

test("roles without the permission get 404 for the page and 403 for the upload", async ({ signedInAs }) => {
  const page = await signedInAs("itcell");
  expect((await page.goto("/members/import"))?.status()).toBe(404);
  const res = await page.request.post("/api/members/import", { data: `${HEADER}\n`, headers: { "content-type": "text/csv" } });
  expect(res.status()).toBe(403);
});
