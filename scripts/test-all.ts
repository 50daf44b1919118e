/**
 * `npm test`: everything, in order — typecheck, lint, unit tests, database tests (PGlite always, PostgreSQL
 * too when TEST_DATABASE_URL is set), production build, the benchmark at small size on that build (every step
 * of `npm run bench`, on PostgreSQL: needs TEST_DATABASE_URL), Playwright e2e against it. Every step runs even when
 * an earlier one failed (except the bench and e2e after a failed build), and the last line counts tests across runners.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const out = ".test-output";
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CI: process.env.CI ?? "" };

interface Step {
  name: string;
  cmd: string[];
  report?: string;
  kind: "check" | "vitest" | "playwright";
  env?: Record<string, string>;
  /** Runs only after a successful build. */
  needsBuild?: boolean;
}

const steps: Step[] = [
  { name: "typecheck", cmd: ["npx", "tsc", "--noEmit"], kind: "check" },
  { name: "lint", cmd: ["npx", "eslint", "--max-warnings=0", "."], kind: "check" },
  {
    name: "unit",
    cmd: ["npx", "vitest", "run", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile.json=${out}/unit.json`],
    report: `${out}/unit.json`,
    kind: "vitest",
  },
  {
    name: process.env.TEST_DATABASE_URL ? "database (PGlite + PostgreSQL)" : "database (PGlite only; set TEST_DATABASE_URL for PostgreSQL)",
    cmd: ["npx", "vitest", "run", "--project", "db", "--reporter=default", "--reporter=json", `--outputFile.json=${out}/db.json`],
    report: `${out}/db.json`,
    kind: "vitest",
  },
  { name: "build", cmd: ["node_modules/.bin/next", "build"], kind: "check" },
  // Every step of the benchmark at tiny sizes (about 3 minutes), on the build just made and ports e2e does not use.
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          name: "bench (small)",
          cmd: ["npx", "tsx", "--conditions=react-server", "scripts/bench.ts"],
          kind: "check" as const,
          env: { BENCH_SIZE: "small", NEXT_DIST_DIR: ".next", BENCH_PORT: "3661" },
          needsBuild: true,
        },
      ]
    : []),
  { name: "e2e", cmd: ["npx", "playwright", "test", "--reporter=list,json"], report: `${out}/e2e.json`, kind: "playwright", needsBuild: true },
  // The highly-available deployment (issue 14): pg_auto_failover, two app processes and HAProxy started from
  // nothing on the build just made; reads from the standby and read-your-writes through HAProxy (Playwright,
  // playwright.cluster.config.ts); then under fire, the primary and an app process killed under load; then
  // everything stopped and its data removed, pass or fail. Its folder is outside the checkout, where the
  // postgres user can reach it.
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          name: "cluster: standby reads and chaos",
          cmd: [
            "bash",
            "-c",
            'npx tsx scripts/cluster.ts && npm run --silent cluster:test && npx tsx scripts/cluster-chaos.ts; rc=$?; npx tsx scripts/cluster-stop.ts --clean; exit "$rc"',
          ],
          kind: "check" as const,
          env: { NEXT_DIST_DIR: ".next", CLUSTER_MEMBERS: "5000", CLUSTER_DIR: `/var/tmp/sadasyata-cluster-${process.pid}` },
          needsBuild: true,
        },
      ]
    : []),
];

let passed = 0;
let failed = 0;
let skipped = 0;
const failures: string[] = [];
let buildOk = true;

for (const step of steps) {
  if (step.needsBuild && !buildOk) {
    failures.push(`${step.name} (not run: the build failed)`);
    failed += 1;
    continue;
  }
  console.log(`\n━━ ${step.name} ━━`);
  const started = Date.now();
  const stepEnv = { ...env, ...step.env, ...(step.kind === "playwright" ? { PLAYWRIGHT_JSON_OUTPUT_NAME: step.report } : {}) };
  const r = spawnSync(step.cmd[0]!, step.cmd.slice(1), { stdio: "inherit", env: stepEnv });
  const ok = r.status === 0;
  console.log(`━━ ${step.name}: ${ok ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (step.name === "build") buildOk = ok;
  if (step.kind === "check") {
    if (ok) passed += 1;
    else {
      failed += 1;
      failures.push(step.name);
    }
    continue;
  }
  const counts = step.report && existsSync(step.report) ? readCounts(step) : null;
  if (!counts) {
    failed += 1;
    failures.push(`${step.name} (no report)`);
    continue;
  }
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
  if (counts.failed > 0 || !ok) failures.push(step.name);
  if (!ok && counts.failed === 0) failed += 1;
}

function readCounts(step: Step): { passed: number; failed: number; skipped: number } {
  const json = JSON.parse(readFileSync(step.report!, "utf8"));
  if (step.kind === "vitest") {
    return { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + json.numTodoTests };
  }
  const s = json.stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
}

console.log(failures.length ? `\nfailed: ${failures.join(", ")}` : "\nall steps passed");
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
