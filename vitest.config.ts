import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // `server-only` throws outside the React server bundle; tests import server modules directly.
  "server-only": path.resolve(import.meta.dirname, "lib/testing/empty.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["{lib,db,components,app}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.db.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "db",
          include: ["{lib,db,app}/**/*.db.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 180_000,
          globalSetup: ["./lib/testing/global-setup.ts"],
          // PGlite databases are ~100–800 MB each; two files at a time fit this 2-core machine.
          maxWorkers: 2,
        },
      },
    ],
  },
});
