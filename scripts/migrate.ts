/**
 * `npm run db:migrate` — applies the migrations. On PostgreSQL they run as DATABASE_OWNER_URL when it is set
 * (else DATABASE_URL), and the application role — DATABASE_URL's user when it differs from the owner's, or
 * `--app-role NAME` — is then granted what the server needs (db/roles.ts).
 *
 * `npm run db:roles` (= this with `--create-role`) first creates that role when it is missing (LOGIN, no
 * superuser/createdb/createrole; the password is DATABASE_URL's, if it has one). Creating a role needs
 * CREATEROLE, so run it once with an owner or administrator URL that has it; later migrations only grant.
 */
import { Client } from "pg";
import { databaseUrlsFromEnv, migrateDb, openDb } from "@/db/client";
import { credentialsOf, primaryUrl } from "@/db/failover";
import { assertRoleName, ensureAppRole } from "@/db/roles";

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (!value || value.startsWith("--")) throw new Error(`${name} needs a value`);
  return value;
}

async function main(): Promise<void> {
  const { appUrl, ownerUrl, appRole: fromUrls } = databaseUrlsFromEnv();
  const url = ownerUrl ?? appUrl;
  const appRole = flag("--app-role") ?? fromUrls;
  const createRole = process.argv.includes("--create-role");
  if (appRole) assertRoleName(appRole);
  if (!url) {
    if (createRole || appRole) throw new Error("database roles exist on PostgreSQL only: set DATABASE_OWNER_URL (and DATABASE_URL)");
  } else if (createRole) {
    if (!appRole) throw new Error("no application role: set DATABASE_URL to the application role's URL (a user other than DATABASE_OWNER_URL's), or pass --app-role NAME");
    const client = new Client({ connectionString: await primaryUrl(url) });
    await client.connect();
    try {
      // A role created here gets DATABASE_URL's password; an existing role keeps its own.
      const password = appUrl && appRole === fromUrls ? (credentialsOf(appUrl).password ?? "") : "";
      const outcome = await ensureAppRole(client, appRole, password || null);
      console.log(outcome === "created" ? `created role ${appRole}` : `role ${appRole} exists (not superuser, no createdb/createrole)`);
    } finally {
      await client.end();
    }
  }
  const handle = await openDb({ url, appRole, max: 1 });
  try {
    await migrateDb(handle);
    console.log(`migrations applied (${handle.engine}: ${handle.location})${appRole && url ? `; ${appRole} granted` : ""}`);
  } finally {
    await handle.close();
  }
}

try {
  await main();
} catch (err) {
  console.error(`db:migrate failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
