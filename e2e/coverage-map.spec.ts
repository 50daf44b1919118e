import path from "node:path";
import { expect, signedInTo, test } from "@/e2e/fixtures";

/**
 * The coverage map (issue 12): an administrator uploads the boundary file from /coverage through the CLI's
 * importer; everyone else reads a plain sentence, never a command line, and may not post a file. In order: the
 * sentence is checked before the upload draws the map for everyone.
 */
const boundaryFile = path.join(process.env.SHARED_DATA_DIR ?? path.resolve("..", "shared", "data"), "cg-assembly.geo.json");
const SENTENCE = "The map is not available yet; the tiles above show the same figures.";

test.describe.configure({ mode: "serial" });

test("a district president reads a plain sentence where the map will be, in both languages, and may not upload (403)", async ({ page: browserPage }) => {
  const page = await signedInTo(browserPage, "raipur", "/coverage");
  await expect(page.getByTestId("no-map")).toHaveText(SENTENCE);
  await expect(page.getByText(/npm run|geojson/i)).toHaveCount(0);
  await expect(page.getByTestId("boundary-upload")).toHaveCount(0);
  const refused = await page.request.post("/coverage/boundaries", { data: "{}", headers: { "content-type": "application/geo+json" } });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ error: { code: "forbidden" } });

  await page.context().addCookies([{ name: "lang", value: "hi", url: page.url() }]);
  await page.reload();
  await expect(page.getByTestId("no-map")).toHaveText("नक़्शा अभी उपलब्ध नहीं है; ऊपर की टाइलें यही आँकड़े दिखाती हैं।");
  await expect(page.getByText(/npm run/)).toHaveCount(0);
});

test("the administrator gets a field error for a bad file, and nothing is drawn", async ({ page: browserPage }) => {
  const page = await signedInTo(browserPage, "admin", "/coverage");
  const form = page.getByTestId("boundary-upload");
  const input = form.getByLabel("Boundary file (GeoJSON)");
  await expect(page.getByTestId("no-map")).toContainText("Upload the assembly seats' boundary file below");

  await form.getByRole("button", { name: "Upload boundaries" }).click();
  await expect(page.getByTestId("boundary-error")).toHaveText("Choose a boundary file first.");

  await input.setInputFiles({ name: "seats.geojson", mimeType: "application/geo+json", buffer: Buffer.from('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"NAME":"x"},"geometry":null}]}') });
  await form.getByRole("button", { name: "Upload boundaries" }).click();
  await expect(page.getByTestId("boundary-error")).toHaveText("This file cannot be used for the map, and nothing was saved. What is wrong:");
  await expect(page.getByTestId("boundary-problems")).toContainText("feature 1: no AC_NO property");
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await page.reload();
  await expect(page.getByTestId("coverage-map")).toHaveCount(0);
  await expect(page.getByTestId("no-map")).toBeVisible();
});

test("the administrator uploads the boundary file and the map appears, for the district president too", async ({ page: browserPage, browser }) => {
  test.slow();
  const page = await signedInTo(browserPage, "admin", "/coverage");
  const form = page.getByTestId("boundary-upload");
  await form.getByLabel("Boundary file (GeoJSON)").setInputFiles(boundaryFile);
  await form.getByRole("button", { name: "Upload boundaries" }).click();
  const map = page.getByTestId("coverage-map");
  await expect(map).toBeVisible();
  await expect(map.locator("path")).toHaveCount(90);
  await expect(page.getByTestId("no-map")).toHaveCount(0);
  // The outcome stays in view after the refresh that drew the map, and the upload stays within reach to
  // replace the file (folded away on the next visit).
  await expect(page.getByTestId("boundary-done")).toHaveText("Boundaries saved for 90 seats.");
  await page.reload();
  await expect(page.getByText("Replace the boundary file")).toBeVisible();
  await expect(page.getByTestId("boundary-upload")).toBeHidden();

  const other = await browser.newContext();
  try {
    const president = await signedInTo(await other.newPage(), "raipur", "/coverage");
    const theirs = president.getByTestId("coverage-map");
    await expect(theirs).toBeVisible();
    const seats = await theirs.locator("path").count();
    expect(seats).toBeGreaterThan(0);
    expect(seats).toBeLessThan(90);
    await expect(president.getByText("Replace the boundary file")).toHaveCount(0);
  } finally {
    await other.close();
  }
});
