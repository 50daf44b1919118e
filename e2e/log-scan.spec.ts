/**
 * Runs after every other spec (its own Playwright project, see playwright.config.ts): the server's whole
 * output over the e2e run, teed to e2e/.state/server-<port>.log by e2e/serve.ts, must not hold a full voter-card
 * number (EPIC), an Indian mobile number or a password. The specs put all three through the forms, the
 * enrolment API and the sign-in paths, so a log line echoing a request body or a row would show up here.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { DEMO_PASSWORD, expect, test } from "@/e2e/fixtures";

const PORT = process.env.E2E_PORT ?? "3200";
const STATE = path.join("e2e", ".state");

/** Every server process of the run: e2e/serve.ts lists them in servers-<port>.json (one on PGlite, two on PostgreSQL). */
function serverLogs(): string[] {
  const list = path.join(STATE, `servers-${PORT}.json`);
  const ports = existsSync(list) ? (JSON.parse(readFileSync(list, "utf8")) as number[]).map(String) : [PORT];
  return ports.map((p) => path.join(STATE, `server-${p}.log`));
}

const PATTERNS: { what: string; re: RegExp }[] = [
  // Three letters and seven digits, not inside a longer word (hashes, ids).
  { what: "EPIC", re: /(?<![A-Za-z0-9])[A-Z]{3}[0-9]{7}(?![A-Za-z0-9])/g },
  // A mobile number, bare or with +91 / 0: ten digits starting 6–9, not inside a longer number or hex string.
  { what: "phone", re: /(?<![A-Za-z0-9])(?:\+?91[ -]?|0)?[6-9][0-9]{4}[ -]?[0-9]{5}(?![A-Za-z0-9])/g },
  { what: "password", re: new RegExp(DEMO_PASSWORD.replace(/[-]/g, "\\-"), "g") },
  { what: "password", re: /a-long-enough-password/g },
];

test("the server log of the whole run holds no EPIC, phone number or password", () => {
  const logs = serverLogs();
  test.skip(!existsSync(logs[0]!) && !process.env.CI, `no server log at ${logs[0]} (a server started outside e2e/serve.ts is being reused)`);
  const found: string[] = [];
  for (const log of logs) {
    const text = readFileSync(log, "utf8");
    // An empty log would mean the tee is broken, and the scan would prove nothing.
    expect(text.length, `${log} is empty`).toBeGreaterThan(0);
    for (const [i, line] of text.split("\n").entries()) {
      for (const { what, re } of PATTERNS) {
        for (const m of line.matchAll(re)) found.push(`${log}:${i + 1}: ${what} ${m[0].slice(0, 3)}… at column ${m.index}`);
      }
    }
  }
  expect(found, `${found.length} hits:\n${found.slice(0, 50).join("\n")}`).toEqual([]);
});
