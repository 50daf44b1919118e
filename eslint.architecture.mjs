/**
 * The import rules of ARCHITECTURE.md, enforced: app → components → lib → db and never upward, components
 * never reach the database, feature folders never import one another, and every import names its module
 * from the root (`@/…`), and lib/ returns data, never a Response. lib/architecture.test.ts lints deliberately
 * wrong code to prove each rule bites.
 */

/** lib/<feature>: one screen's data and writes each. Everything else in lib/ is shared by all of them. */
export const LIB_FEATURES = ["appointments", "coverage", "members", "progress", "targets", "trainings", "users"];
/** components/<feature>: one screen's views each; components/ui and components/shell are shared. */
export const COMPONENT_FEATURES = ["appointments", "audit", "coverage", "members", "progress", "users"];

const see = "See ARCHITECTURE.md.";
const relative = { group: ["./*", "../*", "!./*.css"], message: `Import from the root with "@/…". ${see}` };
const upward = (...rooms) =>
  rooms.map((room) => ({
    group: [`@/${room}`, `@/${room}/*`],
    message: `${room}/ is a room above this one: imports go app → components → lib → db, never upward. ${see}`,
  }));
const noDb = { group: ["@/db", "@/db/*"], message: `Components render; they never reach the database (load it in lib/<feature>/pages.ts). ${see}` };
const otherFeatures = (room, features, self) =>
  features
    .filter((f) => f !== self)
    .map((f) => ({
      group: [`@/${room}/${f}`, `@/${room}/${f}/*`],
      message: `${room}/${self} may not import ${room}/${f}: feature folders never import each other (move what both need to a shared folder). ${see}`,
    }));

const rule = (patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

/** lib/ returns data, never a Response: only app/ speaks HTTP, through the helpers of lib/http.ts. */
const noResponse = `lib/ returns data, never a Response: return plain data and build the Response in app/ with lib/http.ts (errorResponse, jsonResponse, fileResponse, csvResponse). ${see}`;
const libReturnsData = {
  files: ["lib/**/*.{ts,tsx}"],
  ignores: ["lib/http.ts", "**/*.test.{ts,tsx}"],
  rules: {
    "no-restricted-syntax": [
      "error",
      { selector: "NewExpression[callee.name=/^(Next)?Response$/]", message: noResponse },
      { selector: "CallExpression[callee.object.name=/^(Next)?Response$/][callee.property.name=/^(json|redirect|error|next|rewrite)$/]", message: noResponse },
    ],
  },
};

export const architectureRules = [
  { files: ["db/**/*.{ts,tsx}"], rules: rule([relative, ...upward("lib", "components", "app")]) },
  // Shared lib (auth, geo, i18n, …) serves every feature and so imports none of them.
  {
    files: ["lib/**/*.{ts,tsx}"],
    rules: rule([
      relative,
      ...upward("components", "app"),
      ...LIB_FEATURES.map((f) => ({
        group: [`@/lib/${f}`, `@/lib/${f}/*`],
        message: `Shared lib/ serves every feature and imports none of them (lib/${f}): move what it needs into a shared folder. ${see}`,
      })),
    ]),
  },
  ...LIB_FEATURES.map((f) => ({
    files: [`lib/${f}/**/*.{ts,tsx}`],
    rules: rule([relative, ...upward("components", "app"), ...otherFeatures("lib", LIB_FEATURES, f)]),
  })),
  { files: ["components/**/*.{ts,tsx}"], rules: rule([relative, noDb, ...upward("app")]) },
  {
    files: ["components/ui/**/*.{ts,tsx}", "components/shell/**/*.{ts,tsx}"],
    rules: rule([relative, noDb, ...upward("app"), ...otherFeatures("components", COMPONENT_FEATURES, "ui")]),
  },
  ...COMPONENT_FEATURES.map((f) => ({
    files: [`components/${f}/**/*.{ts,tsx}`],
    rules: rule([relative, noDb, ...upward("app"), ...otherFeatures("components", COMPONENT_FEATURES, f)]),
  })),
  { files: ["app/**/*.{ts,tsx}", "scripts/**/*.ts", "e2e/**/*.ts", "*.ts"], rules: rule([relative]) },
  // A page or layout loads through lib/<feature>/pages.ts (viewer, scope, notFound); only route handlers hand
  // getDb() to lib themselves.
  { files: ["app/**/{page,layout}.tsx"], rules: rule([relative, { ...noDb, message: `A page loads its data through lib/<feature>/pages.ts, never from the database. ${see}` }]) },
  // Tests are entry points, like scripts/ and e2e/: they compose features (coverage is tested by appointing
  // through appointments' service) and set up databases with lib/seed and lib/testing, from any room.
  { files: ["**/*.test.{ts,tsx}"], rules: rule([relative]) },
  // The one config object that sets no-restricted-syntax (eslint-config-next sets none), so nothing clobbers it.
  libReturnsData,
];
