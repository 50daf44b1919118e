import type { ErrorCode } from "@/lib/errors";

/**
 * The one error body of the app's route handlers: `{ error: { code, message } }` with the HTTP status of its
 * code. The codes are those of server actions (lib/errors.ts); the message is English, for whoever reads the
 * response by hand. The public enrolment API (/api/v1/members) keeps its own documented contract
 * (`{ errors: { field: message } }`, DESIGN.md §5) and does not use this.
 */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
};

const ERROR_MESSAGE: Record<ErrorCode, string> = {
  unauthenticated: "Sign in first.",
  forbidden: "You are not allowed to do this.",
  not_found: "Not found.",
  invalid: "The request is not valid.",
  conflict: "The request conflicts with the current state.",
  rate_limited: "Too many requests; try again later.",
  internal: "Something went wrong.",
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: string[] };
}

export function errorResponse(code: ErrorCode, opts: { message?: string; issues?: string[]; headers?: HeadersInit } = {}): Response {
  const body: ErrorBody = { error: { code, message: opts.message ?? ERROR_MESSAGE[code], ...(opts.issues ? { issues: opts.issues } : {}) } };
  return Response.json(body, { status: ERROR_STATUS[code], headers: opts.headers });
}
