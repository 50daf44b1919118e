import { defineConfig } from "drizzle-kit";

// Only `generate` is used: migrations are SQL files committed under db/migrations and applied by migrateDb (db/client.ts) through `npm run db:migrate` (scripts/migrate.ts).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  strict: true,
  verbose: true,
});
