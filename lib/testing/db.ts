/**
 * Fresh, migrated databases for tests, on both engines: PGlite in memory always, PostgreSQL when
 * TEST_DATABASE_URL is set (a new database per call, created from a migrated template and dropped on close).
 * A test file runs its cases for every engine of `testEngines()`, so one file proves both.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { Client } from "pg";
import { eq } from "drizzle-orm";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { migrateDb, openDb, type DbHandle, type DbOrTx } from "@/db/client";
import { users } from "@/db/schema";

export type Engine = "pglite" | "postgres";

export function testEngines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

let pgTemplateReady: Promise<string> | undefined;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** One statement on the test server as its superuser (CREATE/DROP DATABASE and the like). */
export async function adminQuery(sqlText: string): Promise<void> {
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

/** A migrated template database per test run on the server, so each test database is one fast copy. */
async function postgresTemplate(): Promise<string> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  const name = `sadasyata_tpl_${process.pid}_${randomBytes(3).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const handle = await openDb({ url: withDatabase(base, name), max: 1 });
  try {
    await migrateDb(handle);
  } finally {
    await handle.close();
  }
  // Left for the run's clean-up: databases named sadasyata_tpl_* / sadasyata_t_* are dropped by globalTeardown.
  return name;
}

export async function createTestDb(engine: Engine): Promise<DbHandle> {
  if (engine === "pglite") {
    const h = await openDb({ dataDir: "memory://" });
    await migrateDb(h);
    return h;
  }
  pgTemplateReady ??= postgresTemplate();
  const template = await pgTemplateReady;
  const base = process.env.TEST_DATABASE_URL!;
  const name = `sadasyata_t_${process.pid}_${randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const handle = await openDb({ url: withDatabase(base, name), max: 20 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Drops the test databases left on the server by test processes that are gone (killed part-way, or
 * finished): names carry the creating process's id, so a run never drops a parallel run's databases.
 */
export async function dropLeftoverTestDatabases(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) return;
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname ~ '^sadasyata_(t|tpl)_[0-9]+_'",
    );
    for (const r of rows) {
      const pid = Number(/^sadasyata_(?:t|tpl)_([0-9]+)_/.exec(r.datname)?.[1]);
      if (!processAlive(pid)) await client.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

/**
 * A file of the shared reference data (../shared/data beside the repository, as laid out for CI). The data
 * stays outside the project; SHARED_DATA_DIR points elsewhere when the checkout is not beside it.
 */
export function sharedDataPath(file: string): string {
  return path.join(process.env.SHARED_DATA_DIR ?? path.resolve(process.cwd(), "..", "shared", "data"), file);
}

/** The viewer of a (demo) user, by email: for tests that act as a given role. */
export async function viewerFor(db: DbOrTx, email: string): Promise<Viewer> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  const viewer = user ? await loadViewer(db, user.id) : null;
  if (!viewer) throw new Error(`no active user ${email}`);
  return viewer;
}
