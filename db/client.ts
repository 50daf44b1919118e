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
import * as schema from "@/db/schema";
import { credentialsOf, NodeRouter, nodeClientClass, parseMultiHostUrl } from "@/db/failover";
import { Replica } from "@/db/replica";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  engine: "pglite" | "postgres";
  /** Where the data lives, for messages (never includes a password). */
  location: string;
  /** PostgreSQL: migrations run through this connection (the tables' owner) instead of this handle's. */
  ownerUrl?: string;
  /** PostgreSQL: after migrating, the application role is granted what it needs (db/roles.ts). */
  appRole?: string;
  /** PostgreSQL with DATABASE_READ_URL: the pool that reads from the hot standby, and its lag (db/replica.ts). */
  replica?: Replica;
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
  /** See DbHandle.ownerUrl. */
  ownerUrl?: string;
  /** See DbHandle.appRole. */
  appRole?: string;
  /** PostgreSQL: where reads that may lag go (DbHandle.replica), usually with `target_session_attrs=prefer-standby`. */
  readUrl?: string;
}

export async function openDb(opts: OpenOptions = {}): Promise<DbHandle> {
  if (opts.url) {
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const pool = await openPool(opts.url, { max: opts.max ?? 10 });
    const db = drizzle(pool, { schema }) as unknown as Db;
    let replica: Replica | undefined;
    if (opts.readUrl) {
      // Read connections are renewed every minute, so that after a failover (the standby promoted, the old
      // primary back as the new standby) reads return to a standby instead of staying on the primary.
      const readPool = await openPool(opts.readUrl, { max: opts.max ?? 10, maxLifetimeSeconds: 60 });
      const samplerPool = await openPool(opts.url, { max: 1 });
      replica = new Replica(drizzle(readPool, { schema }) as unknown as Db, drizzle(samplerPool, { schema }) as unknown as Db, async () => {
        await Promise.all([readPool.end(), samplerPool.end()]);
      });
    }
    return {
      db,
      engine: "postgres",
      location: redact(opts.url),
      ownerUrl: opts.ownerUrl,
      appRole: opts.appRole,
      replica,
      close: async () => {
        await replica?.close();
        await pool.end();
      },
    };
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

/** A node-postgres pool; with several hosts, each new connection goes to the node the URL's target_session_attrs asks for. */
async function openPool(url: string, opts: { max: number; maxLifetimeSeconds?: number }) {
  const { Pool } = await import("pg");
  const nodes = parseMultiHostUrl(url);
  const pool = nodes
    ? new Pool({ connectionString: nodes.urlFor(nodes.hosts[0]!), ...opts, Client: nodeClientClass(new NodeRouter(nodes)) })
    : new Pool({ connectionString: url, ...opts });
  // An idle client that errors (server restart) must not crash the process.
  pool.on("error", (err) => console.error("postgres pool error:", err.message));
  return pool;
}

export function defaultPgliteDir(): string {
  return process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite");
}

/**
 * Applies the committed drizzle-kit migrations (idempotent). On PostgreSQL with an owner URL they run as the
 * owner, and then the application role (if any) is re-granted, so a table added by a migration is usable by
 * the server the moment the migration is done.
 */
export async function migrateDb(handle: DbHandle): Promise<void> {
  if (handle.engine === "postgres") {
    if (handle.ownerUrl) {
      const owner = await openDb({ url: handle.ownerUrl, max: 1, appRole: handle.appRole });
      try {
        await migrateDb(owner);
      } finally {
        await owner.close();
      }
      return;
    }
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS });
    if (handle.appRole) {
      const { grantAppRole } = await import("@/db/roles");
      await grantAppRole(handle.db, handle.appRole);
    }
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS });
  }
}

function redact(url: string): string {
  const nodes = parseMultiHostUrl(url);
  if (nodes) return nodes.hosts.map((h) => redact(nodes.urlFor(h))).join(" | ");
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

/**
 * The two PostgreSQL connection strings: DATABASE_URL is the application role the server connects as;
 * DATABASE_OWNER_URL (optional) is the tables' owner, used by migrations, the seed and `npm run db:roles`.
 * With both set and different users, migrating also grants DATABASE_URL's user what the server needs.
 * DATABASE_READ_URL (optional, with DATABASE_URL) is where dashboard reads may go: the hot standby (db/replica.ts).
 */
export function databaseUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): { appUrl?: string; ownerUrl?: string; appRole?: string; readUrl?: string } {
  const appUrl = env.DATABASE_URL || undefined;
  const ownerUrl = env.DATABASE_OWNER_URL || undefined;
  // DATABASE_READ_URL (the standby, as the application role): only beside DATABASE_URL, never for the owner.
  const readUrl = (appUrl && env.DATABASE_READ_URL) || undefined;
  if (!appUrl || !ownerUrl) return { appUrl: appUrl ?? ownerUrl, ownerUrl, readUrl };
  const app = userOf(appUrl);
  return { appUrl, ownerUrl, appRole: app && app !== userOf(ownerUrl) ? app : undefined, readUrl };
}

function userOf(url: string): string | undefined {
  return credentialsOf(url).user;
}

/**
 * The process-wide database, opened on first use from the environment: DATABASE_URL (the application role).
 * Migrating through it runs as DATABASE_OWNER_URL when that is set.
 */
export function getDbHandle(): Promise<DbHandle> {
  globalForDb.__sadasyataDb ??= openFromEnv().catch((err: unknown) => {
    globalForDb.__sadasyataDb = undefined;
    throw err;
  });
  return globalForDb.__sadasyataDb;
}

async function openFromEnv(): Promise<DbHandle> {
  const { appUrl, ownerUrl, appRole, readUrl } = databaseUrlsFromEnv();
  const handle = await openDb({ url: appUrl, ownerUrl: ownerUrl !== appUrl ? ownerUrl : undefined, appRole, readUrl });
  // Inside the server only (Next sets NEXT_RUNTIME): a superuser or owner connection can switch the audit
  // triggers off, so say so once at start-up. Not fatal, so existing single-role set-ups keep working.
  if (handle.engine === "postgres" && process.env.NEXT_RUNTIME) {
    const { privilegeProblems } = await import("@/db/roles");
    privilegeProblems(handle.db)
      .then((problems) => {
        if (problems.length > 0) {
          console.warn(`database: the server connects as a privileged role (${problems.join("; ")}); connect as the application role (README: "Database roles")`);
        }
      })
      .catch(() => undefined);
  }
  return handle;
}

/**
 * For command-line tools that need the owner (the seed: setval and ANALYZE): DATABASE_OWNER_URL, else
 * DATABASE_URL, else PGlite. Migrating through it grants the application role as getDbHandle's does.
 */
export function openOwnerDb(): Promise<DbHandle> {
  const { appUrl, ownerUrl, appRole } = databaseUrlsFromEnv();
  return openDb({ url: ownerUrl ?? appUrl, appRole });
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Rows of a raw SQL query; both drivers answer `{ rows }`. */
export async function queryRows<T = Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
