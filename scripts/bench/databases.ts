/**
 * The benchmarks' PostgreSQL databases: created fresh (dropped first if a previous run left one), migrated,
 * seeded with lib/seed, dropped at the end. The admin URL names any database on the server (the default
 * `postgres`); the benchmark databases are siblings of it.
 */
import { Client } from "pg";
import { migrateDb, openDb, type DbHandle } from "@/db/client";
import { seed, type SeedOptions, type SeedSummary } from "@/lib/seed";

export const ADMIN_URL =
  process.env.DATABASE_ADMIN_URL ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** The URL of database `name` on the admin URL's server. */
export function databaseUrl(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(adminUrl: string, query: string, values?: unknown[]): Promise<Record<string, unknown>[]> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return (await c.query(query, values)).rows;
  } finally {
    await c.end();
  }
}

const identifier = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  return name;
};

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${identifier(name)} WITH (FORCE)`);
}

export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  return (await adminQuery(adminUrl, "SELECT 1 FROM pg_database WHERE datname = $1", [name])).length > 0;
}

/** A copy of database `from` (which must have no open connections) as `to`, replacing any `to`: a file copy, fast. */
export async function copyDatabase(adminUrl: string, from: string, to: string): Promise<string> {
  await dropDatabase(adminUrl, to);
  await adminQuery(adminUrl, `CREATE DATABASE ${identifier(to)} TEMPLATE ${identifier(from)}`);
  return databaseUrl(adminUrl, to);
}

/** An empty, migrated database `name` (a previous one of that name is dropped); the caller closes the handle. */
export async function createFreshDatabase(adminUrl: string, name: string, opts: { max?: number } = {}): Promise<DbHandle> {
  await dropDatabase(adminUrl, name);
  await adminQuery(adminUrl, `CREATE DATABASE ${identifier(name)}`);
  const handle = await openDb({ url: databaseUrl(adminUrl, name), max: opts.max });
  try {
    await migrateDb(handle);
  } catch (err) {
    await handle.close();
    throw err;
  }
  return handle;
}

/** A fresh database seeded with `members` members (and whatever else `opts` asks of the seed), with the seed's time. */
export async function seedFreshDatabase(
  adminUrl: string,
  name: string,
  opts: SeedOptions,
): Promise<{ url: string; summary: SeedSummary; seconds: number }> {
  const handle = await createFreshDatabase(adminUrl, name);
  try {
    const started = performance.now();
    const summary = await seed(handle.db, opts);
    return { url: databaseUrl(adminUrl, name), summary, seconds: (performance.now() - started) / 1000 };
  } finally {
    await handle.close();
  }
}
