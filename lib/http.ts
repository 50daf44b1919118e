import type { ErrorCode } from "@/lib/errors";
import { crossSite } from "@/lib/net/same-origin";

/**
 * The one error body of the app's route handlers: `{ error: { code, message } }` with the HTTP status of its
 * code. The codes are those of server actions (lib/errors.ts); the message is English, for whoever reads the
 * response by hand. The public enrolment API (/api/v1/members) keeps its own documented contract
 * (`{ errors: { field: message } }`, DESIGN.md §5): lib/members/api answers a JsonAnswer, sent by jsonResponse.
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

/** A file for the browser to open or download: its bytes (or text, or a stream of bytes), type and the name to offer. */
export interface FileBody {
  body: string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>;
  contentType: string;
  fileName: string;
}

/** Headers of an answer that carries personal data: nothing keeps a copy, the browser never guesses its type. */
export const PRIVATE_HEADERS = { "cache-control": "private, no-store", "x-content-type-options": "nosniff" } as const;

/**
 * A file response: shown in the browser (`inline`) or downloaded (`attachment`, the default), under an
 * ASCII-safe file name, never cached unless `headers` says otherwise.
 */
export function fileResponse(file: FileBody, opts: { inline?: boolean; headers?: Record<string, string> } = {}): Response {
  const safe = file.fileName.replace(/[^A-Za-z0-9._-]+/g, "-");
  return new Response(file.body, {
    headers: {
      "cache-control": "no-store",
      ...opts.headers,
      "content-type": file.contentType,
      "content-disposition": `${opts.inline ? "inline" : "attachment"}; filename="${safe}"`,
    },
  });
}

/** A CSV download (lib/csv/write.ts builds the text, or lib/csv streams it). */
export function csvResponse(body: string | ReadableStream<Uint8Array>, fileName: string): Response {
  return fileResponse({ body, contentType: "text/csv; charset=utf-8", fileName });
}

/** A plain-text "Not found" that says nothing about why (the card's answer to unknown, erased, out of scope, unsigned). */
export function notFoundText(headers: Record<string, string> = {}): Response {
  return new Response("Not found", { status: 404, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
}

/** A plain-text answer for a person's browser (a public form's refusal), never cached. */
export function plainTextResponse(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(`${text}\n`, { status, headers: { ...PRIVATE_HEADERS, ...headers, "content-type": "text/plain; charset=utf-8" } });
}

/** 303 See Other to a page on this site (after a public form's POST), never cached. */
export function seeOtherResponse(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { ...PRIVATE_HEADERS, ...headers, location } });
}

/**
 * The fields of a small form a public page posts (no JavaScript needed), or the answer that refuses it: 403
 * with `crossSiteText` when another site posted it, 400 with `invalidText` when it is larger than `maxBytes` or
 * not a form at all.
 */
export async function readPublicForm(
  req: Request,
  texts: { crossSite: string; invalid: string },
  maxBytes = 4096,
): Promise<FormData | Response> {
  if (crossSite(req)) return plainTextResponse(403, texts.crossSite);
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) return plainTextResponse(400, texts.invalid);
  try {
    return await req.formData();
  } catch {
    return plainTextResponse(400, texts.invalid);
  }
}

/** A JSON answer decided in lib/ (the enrolment API's): its status, body and headers, not yet a Response. */
export interface JsonAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A JSON answer as a Response, never cached unless its headers say otherwise. */
export function jsonResponse(answer: JsonAnswer): Response {
  return Response.json(answer.body, { status: answer.status, headers: { "cache-control": "no-store", ...answer.headers } });
}
