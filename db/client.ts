/**
 * The one place that knows which engine runs: PGlite (embedded, data in `.data/`) when DATABASE_URL is
 * unset, PostgreSQL through `pg` when it is set. Everything else receives a `Db` and writes plain Drizzle.
 *
 * The database opens lazily (first `getDb()`), never at import, so `next build` does not open it.
 * PGlite does not lock its folder: one process per folder (migrate/seed before the server starts).
 */
import path from "node:path";
import { mkdirSync } from "node:fs";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  engine: "pglite" | "postgres";
  /** Where the data lives, for messages (never includes a password). */
  location: string;
  close(): Promise<void>;
}

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");

export interface OpenOptions {
  /** PostgreSQL connection string; without it PGlite is used. */
  url?: string;
  /** PGlite data folder, or `memory://` for a throwaway database. */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  max?: number;
}

export async function openDb(opts: OpenOptions = {}): Promise<DbHandle> {
  if (opts.url) {
    const { Pool } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const pool = new Pool({ connectionString: opts.url, max: opts.max ?? 10 });
    // An idle client that errors (server restart) must not crash the process.
    pool.on("error", (err) => console.error("postgres pool error:", err.message));
    const db = drizzle(pool, { schema }) as unknown as Db;
    return { db, engine: "postgres", location: redact(opts.url), close: () => pool.end() };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dataDir = opts.dataDir ?? defaultPgliteDir();
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  // PostgreSQL's default 1 GB WAL ceiling would leave the demo's folder several times its data size.
  const client = await PGlite.create(dataDir, { postgresqlconf: ["max_wal_size = 96MB", "min_wal_size = 32MB"] });
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, engine: "pglite", location: dataDir, close: () => client.close() };
}

export function defaultPgliteDir(): string {
  return process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite");
}

/** Applies the committed drizzle-kit migrations (idempotent). */
export async function migrateDb(handle: DbHandle): Promise<void> {
  if (handle.engine === "postgres") {
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS });
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres";
  }
}

// One handle per process, kept across dev-server reloads.
const globalForDb = globalThis as unknown as { __sadasyataDb?: Promise<DbHandle> };

/** The process-wide database, opened on first use from the environment. */
export function getDbHandle(): Promise<DbHandle> {
  globalForDb.__sadasyataDb ??= openDb({ url: process.env.DATABASE_URL || undefined }).catch((err: unknown) => {
    globalForDb.__sadasyataDb = undefined;
    throw err;
  });
  return globalForDb.__sadasyataDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Rows of a raw SQL query; both drivers answer `{ rows }`. */
export async function queryRows<T = Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
