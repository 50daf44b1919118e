import "server-only";

/**
 * The progress feature's read side, for pages, route handlers and other features: every function takes the
 * viewer and applies its scope (see units.ts for units and their scope, data.ts for the numbers).
 */
export { findUnit, scopeUnit } from "./units";
export { listUnits, loadUnitProgress } from "./data";
