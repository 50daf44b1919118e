/** The one set of error codes actions and route handlers return (never raw database errors). */
export type ErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "invalid"
  | "conflict"
  | "rate_limited"
  | "internal";

export type ActionResult<T = undefined> =
  | { ok: true; data?: T; message?: string }
  | {
      ok: false;
      code: ErrorCode;
      message: string;
      fieldErrors?: Record<string, string>;
      /** What was typed (never passwords): React resets a form after its action, so it refills from these. */
      values?: Record<string, string>;
    };

/** An expected failure a handler throws to return a typed result (e.g. "this post was just filled by …"). */
export class ActionError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = "ActionError";
  }
}
