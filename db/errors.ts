/** PostgreSQL error codes the app maps to messages (both drivers report them as `code`). */
export const PG = {
  uniqueViolation: "23505",
  foreignKeyViolation: "23503",
  checkViolation: "23514",
  notNullViolation: "23502",
  serializationFailure: "40001",
  deadlockDetected: "40P01",
} as const;

/** The SQLSTATE and constraint of a database error, however the driver or Drizzle wrapped it. */
export function pgError(err: unknown): { code: string; constraint?: string } | null {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === "object"; depth++) {
    const o = e as { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown };
    if (typeof o.code === "string" && /^[0-9A-Z]{5}$/.test(o.code)) {
      const constraint = typeof o.constraint === "string" ? o.constraint : typeof o.constraint_name === "string" ? o.constraint_name : undefined;
      return { code: o.code, constraint };
    }
    e = o.cause;
  }
  return null;
}
