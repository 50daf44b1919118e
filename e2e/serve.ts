/**
 * The e2e web server: a fresh database (a new PostgreSQL database when TEST_DATABASE_URL is set, else a
 * new PGlite folder), migrated and seeded with the demo users, then `next start` on the production build.
 * On PostgreSQL, migrations and the seed run as TEST_DATABASE_URL's user (the owner) and the server connects
 * as the application role E2E_APP_ROLE (default sadasyata_e2e_app, created if missing, owning nothing), so
 * every spec also proves that the role's grants (db/roles.ts) are enough.
 * The seeded totals go to e2e/.state/expected.json so tests compare pages against the database.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { sql } from "drizzle-orm";
import { migrateDb, openDb, queryRows } from "@/db/client";
import { assertRoleName, ensureAppRole } from "@/db/roles";
import { seed } from "@/lib/seed";
import { seedMatrixUsers } from "@/e2e/matrix-users";
import { seedSessionUsers } from "@/e2e/session-users";

const port = process.env.E2E_PORT ?? "3200";
const members = Number(process.env.E2E_MEMBERS ?? 30_000);
// Several e2e runs can share a machine when each has its own port, database and build folder.
const dbName = process.env.E2E_DB_NAME ?? "sadasyata_e2e";
const distDir = process.env.NEXT_DIST_DIR || ".next";
if (!/^[a-z0-9_]+$/.test(dbName)) throw new Error("E2E_DB_NAME: lower-case letters, digits and _ only");
const stateDir = path.join("e2e", ".state");
mkdirSync(stateDir, { recursive: true });
// Saved sign-ins (e2e/fixtures.ts) belong to the previous server's secret and database.
for (const f of readdirSync(stateDir)) if (f.startsWith(`session-${port}-`)) rmSync(path.join(stateDir, f), { force: true });

const env: NodeJS.ProcessEnv = {
  ...process.env,
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  AUTH_TRUST_HOST: "true",
  // Every request of every spec comes from 127.0.0.1: the per-address sign-in limit would bind them all
  // together, so it is raised here; the per-account limit keeps its default (10) and a short window so that
  // e2e/sessions.spec.ts can watch a throttled account recover.
  LOGIN_ATTEMPTS_PER_ADDRESS: "100000",
  LOGIN_WINDOW_SECONDS: "20",
  // Absolute links (card, QR, verify) are built from PUBLIC_URL, never from the request.
  PUBLIC_URL: process.env.PUBLIC_URL ?? `http://127.0.0.1:${port}`,
  // The verify limit is per address and every spec comes from 127.0.0.1: a short window lets the specs that
  // read /verify wait out e2e/verify.spec.ts's limit test (e2e/verify-helpers.ts).
  VERIFY_WINDOW_SECONDS: "10",
  NEXT_TELEMETRY_DISABLED: "1",
};
delete env.DATABASE_URL;
delete env.DATABASE_OWNER_URL;
delete env.PGLITE_DIR;
let ownerUrl: string | undefined;
let appRole: string | undefined;

if (process.env.TEST_DATABASE_URL) {
  const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  appRole = assertRoleName(process.env.E2E_APP_ROLE ?? "sadasyata_e2e_app");
  await ensureAppRole(admin, appRole);
  await admin.end();
  const u = new URL(process.env.TEST_DATABASE_URL);
  u.pathname = `/${dbName}`;
  ownerUrl = u.toString();
  u.username = appRole;
  u.password = "";
  env.DATABASE_URL = u.toString();
} else {
  env.PGLITE_DIR = path.resolve(".data", `e2e-pglite-${dbName}`);
  rmSync(env.PGLITE_DIR, { recursive: true, force: true });
}

const handle = await openDb({ url: ownerUrl, appRole, dataDir: env.PGLITE_DIR });
await migrateDb(handle);
const summary = await seed(handle.db, { members, demoUsers: true, log: (m) => console.log(`[seed] ${m}`) });
await seedMatrixUsers(handle.db);
await seedSessionUsers(handle.db);
const [totals] = await queryRows<{ members: number; booths: number; covered: number; raipur_members: number; raipur_booths: number }>(
  handle.db,
  sql`SELECT (SELECT sum(members)::int FROM booth_counters) AS members,
             (SELECT count(*)::int FROM booths) AS booths,
             (SELECT count(DISTINCT booth_id)::int FROM appointments WHERE role = 'it_member' AND ended_at IS NULL) AS covered,
             (SELECT coalesce(sum(c.members), 0)::int FROM booth_counters c JOIN booths b ON b.id = c.booth_id
               JOIN districts d ON d.id = b.district_id WHERE d.slug = 'raipur') AS raipur_members,
             (SELECT count(*)::int FROM booths b JOIN districts d ON d.id = b.district_id WHERE d.slug = 'raipur') AS raipur_booths`,
);
await handle.close();
writeFileSync(path.join(stateDir, `expected-${port}.json`), JSON.stringify({ ...summary, ...totals, engine: handle.engine }, null, 2));
console.log(`[serve] seeded ${handle.engine}; starting next on :${port}${appRole ? ` as ${appRole}` : ""}`);

if (!existsSync(path.join(distDir, "BUILD_ID"))) {
  const build = spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
/** `next start` on a port; its output also goes to a file that e2e/log-scan.spec.ts scans for personal data. */
function startServer(onPort: string) {
  const serverLog = createWriteStream(path.join(stateDir, `server-${onPort}.log`));
  const child = spawn("node_modules/.bin/next", ["start", "-p", onPort, "-H", "127.0.0.1"], { stdio: ["ignore", "pipe", "pipe"], env });
  child.stdout.on("data", (chunk: Buffer) => (process.stdout.write(chunk), serverLog.write(chunk)));
  child.stderr.on("data", (chunk: Buffer) => (process.stderr.write(chunk), serverLog.write(chunk)));
  return child;
}
const servers = [startServer(port)];
// On PostgreSQL a second process serves the same database (port + 1), so specs can prove that what must be
// shared (sign-in limits, sessions) is shared. PGlite cannot be opened by two processes.
if (env.DATABASE_URL) servers.push(startServer(String(Number(port) + 1)));
writeFileSync(path.join(stateDir, `servers-${port}.json`), JSON.stringify(servers.map((_, i) => Number(port) + i)));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => servers.forEach((s) => s.kill(signal)));
for (const s of servers) s.on("exit", (code) => (servers.forEach((o) => o.kill("SIGTERM")), process.exit(code ?? 0)));
