/**
 * The application's own PostgreSQL role. The server connects as a role that owns nothing and is not a
 * superuser, so that nobody who takes over the server process (or finds an injection) can switch the
 * append-only audit triggers off (`SET session_replication_role`, `ALTER TABLE … DISABLE TRIGGER` both need
 * a superuser or the table's owner) or rewrite the audit trail (no UPDATE, DELETE or TRUNCATE on it).
 *
 * The grants are re-applied after every migration, from the tables that exist at that moment, rather than
 * left to `ALTER DEFAULT PRIVILEGES`: default privileges belong to the role that creates a table, so a
 * migration run by a different owner or superuser would silently leave its new table out; re-granting also
 * re-asserts the audit exception and removes anything granted by hand in between. PostgreSQL only: PGlite
 * (the demo) has a single user and no roles to speak of.
 */
import { sql } from "drizzle-orm";
import type { ClientBase } from "pg";
import { queryRows, type Db } from "@/db/client";

/** Tables the application may read and append to but never change. */
export const APPEND_ONLY_TABLES = ["audit_events"] as const;

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertRoleName(name: string): string {
  if (!ROLE_NAME.test(name)) throw new Error(`application role "${name}": lower-case letters, digits and _ only`);
  return name;
}

function ident(name: string): string {
  return `"${assertRoleName(name)}"`;
}

/**
 * Creates the application role when it is missing: LOGIN, and none of SUPERUSER, CREATEDB, CREATEROLE,
 * REPLICATION or BYPASSRLS. An existing role is checked instead of changed (changing another role needs
 * CREATEROLE, which the owner often lacks): a role with any of those powers is refused. The password, when
 * given, is set at creation only.
 */
export async function ensureAppRole(client: ClientBase, role: string, password?: string | null): Promise<"created" | "exists"> {
  assertRoleName(role);
  const existing = await roleAttributes(client, role);
  if (!existing) {
    const pw = password ? ` PASSWORD ${client.escapeLiteral(password)}` : "";
    try {
      await client.query(`CREATE ROLE ${ident(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS${pw}`);
      return "created";
    } catch (err) {
      // Two processes creating the same (cluster-wide) role at once: the loser finds it made.
      const code = (err as { code?: string }).code;
      if (code !== "42710" && code !== "23505") throw err;
    }
  }
  const attrs = existing ?? (await roleAttributes(client, role));
  const powers = attrs ? Object.entries(POWERS).filter(([column]) => attrs[column as keyof typeof attrs]).map(([, name]) => name) : [];
  if (powers.length > 0) {
    throw new Error(`role ${role} exists with ${powers.join(", ")}: the application role must have none of these (ALTER ROLE ${role} NO${powers.join(" NO")})`);
  }
  if (attrs && !attrs.rolcanlogin) throw new Error(`role ${role} exists but cannot log in (ALTER ROLE ${role} LOGIN)`);
  return "exists";
}

const POWERS = {
  rolsuper: "SUPERUSER",
  rolcreatedb: "CREATEDB",
  rolcreaterole: "CREATEROLE",
  rolreplication: "REPLICATION",
  rolbypassrls: "BYPASSRLS",
} as const;

async function roleAttributes(client: ClientBase, role: string) {
  const { rows } = await client.query<{
    rolsuper: boolean;
    rolcreatedb: boolean;
    rolcreaterole: boolean;
    rolreplication: boolean;
    rolbypassrls: boolean;
    rolcanlogin: boolean;
  }>("SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1", [role]);
  return rows[0] ?? null;
}

/**
 * The statements that give `role` exactly what the application needs on the current database, in one
 * transaction (so a running server never sees the moment between REVOKE and GRANT): SELECT, INSERT, UPDATE
 * and DELETE on every table in `public` (members are erased by UPDATE, trainings' attendance and the
 * limiter's old windows are deleted, counters are updated by the members trigger, which runs as the
 * invoking role), only SELECT and INSERT on the append-only tables, and USAGE/SELECT on sequences
 * (nextval, never setval). Run as the tables' owner (or a superuser).
 */
export function grantStatements(role: string): string[] {
  const r = ident(role);
  return [
    // The database's name is not known here; CONNECT goes to the current one.
    `DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO ${r}', current_database()); END $$`,
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    ...APPEND_ONLY_TABLES.map((t) => `REVOKE UPDATE, DELETE ON public.${t} FROM ${r}`),
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
  ];
}

export async function grantAppRole(db: Db, role: string): Promise<void> {
  const [me] = await queryRows<{ user: string }>(db, sql`SELECT current_user AS "user"`);
  if (me?.user === role) throw new Error(`the grants for ${role} must be applied by the tables' owner, not by ${role} itself`);
  await db.transaction(async (tx) => {
    for (const statement of grantStatements(role)) await tx.execute(sql.raw(statement));
  });
}

/**
 * What is wrong with the role a connection runs as, for the server's start-up warning: superuser, or the
 * owner of any table in `public` (either can switch the audit triggers off). Empty when all is well.
 */
export async function privilegeProblems(db: Db): Promise<string[]> {
  const [r] = await queryRows<{ role: string; superuser: boolean; owned: number }>(
    db,
    sql`SELECT current_user AS role,
               (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
               (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owned`,
  );
  if (!r) return [];
  const problems: string[] = [];
  if (r.superuser) problems.push(`${r.role} is a superuser`);
  if (r.owned > 0) problems.push(`${r.role} owns ${r.owned} tables`);
  return problems;
}
