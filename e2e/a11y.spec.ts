/**
 * The accessibility sweep (issue 12): every page × role × language through axe-core, against `next start`.
 * The pages are the authorization matrix's (e2e/authz-matrix.ts): for each role, every page route it may open
 * (its first sample answering 200), so a new page is swept as soon as it has its matrix row. A role is one of
 * the users the offices have: leadership, the administrator, a district president, the state IT-cell head and a
 * district IT-cell head; the public pages are swept signed out. Each page is checked against WCAG 2.1 A and AA;
 * a serious or critical violation fails the test with the rule, the page and the first elements it names.
 */
import { readFileSync } from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { matrix, PRINCIPALS, type PrincipalKey } from "@/e2e/authz-matrix";
import { expect, signIn, test } from "@/e2e/fixtures";
import { matrixStatePath, type MatrixSamples } from "@/e2e/matrix-users";

const ROLES = ["leadership", "admin", "president", "itState", "itDistrict"] as const satisfies readonly PrincipalKey[];
const LANGUAGES = ["en", "hi"] as const;
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

function samples(): MatrixSamples {
  return JSON.parse(readFileSync(matrixStatePath(), "utf8")) as MatrixSamples;
}

/**
 * Stand-in samples: which pages a role opens does not depend on the sample values, so the tests are laid out
 * from these when the file is loaded (before e2e/serve.ts has written the real ones), and visit the real ones.
 */
const LAYOUT_SAMPLES: MatrixSamples = {
  member: { raipur: { no: "R", name: "R" }, durg: { no: "D", name: "D" } },
  booth: { raipur: { code: "R", name: "R" }, durg: { code: "D", name: "D" } },
  block: { raipur: { id: 1, name: "R" }, durg: { id: 2, name: "D" } },
  training: { raipur: 1, durg: 2 },
  importId: 1,
};

/** One path per page route that `who` may open (200), in the matrix's order. */
function pagesFor(who: PrincipalKey, from: MatrixSamples = samples()): string[] {
  const out: string[] = [];
  for (const row of matrix(from)) {
    if (row.kind !== "page") continue;
    const open = row.cases.find((c) => c.expect[who] === 200);
    if (open) out.push(open.path);
  }
  return out;
}

interface Finding {
  path: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Opens `path` and runs axe; returns its serious and critical violations. */
async function sweep(page: Page, path: string): Promise<Finding[]> {
  const res = await page.goto(path, { waitUntil: "load" });
  expect(res?.status(), path).toBeLessThan(400);
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ path, rule: v.id, impact: v.impact!, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
}

const report = (findings: Finding[]) => findings.map((f) => `${f.path}: ${f.impact} ${f.rule} (${f.help}) — ${f.targets.join(" | ")}`).join("\n");

/** Pages per test: a role's pages are swept a few at a time, so the two workers share them and a slow page names itself. */
const CHUNK = 6;
const chunks = <T,>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

test.describe.configure({ mode: "parallel" });

// The sweep can fail: a light grey sentence added to the sign-in page is reported as serious low contrast.
test("the sweep reports a serious violation when a page has one", async ({ page }) => {
  await page.goto("/login");
  await page.evaluate(() => {
    const p = document.createElement("p");
    p.textContent = "Faint text nobody can read";
    p.style.cssText = "color:#bbbbbb;background:#ffffff";
    document.querySelector("main")!.append(p);
  });
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const contrast = result.violations.find((v) => v.id === "color-contrast");
  expect(contrast?.impact).toBe("serious");
});

for (const lang of LANGUAGES) {
  test(`public pages have no serious accessibility violation (${lang})`, async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "lang", value: lang, url: baseURL! }]);
    for (const path of pagesFor("signedOut")) {
      const findings = await sweep(page, path);
      expect.soft(findings, report(findings)).toEqual([]);
    }
  });

  for (const role of ROLES) {
    const parts = chunks(pagesFor(role, LAYOUT_SAMPLES)).length;
    for (let chunk = 0; chunk < parts; chunk++) {
      test(`pages ${role} opens, part ${chunk + 1} of ${parts}, have no serious accessibility violation (${lang})`, async ({ page, context, baseURL }) => {
        test.setTimeout(180_000);
        const real = chunks(pagesFor(role));
        expect(real.length, "the real samples lay out as the stand-ins do").toBe(parts);
        const paths = real[chunk]!;
        expect(paths.length, "pages found for the role").toBeGreaterThan(0);
        await signIn(page, PRINCIPALS[role].email, undefined, "/districts");
        await expect(page.getByTestId("viewer-name")).toBeVisible({ timeout: 30_000 });
        await context.addCookies([{ name: "lang", value: lang, url: baseURL! }]);
        for (const path of paths) {
          const findings = await sweep(page, path);
          expect.soft(findings, report(findings)).toEqual([]);
        }
      });
    }
  }
}
