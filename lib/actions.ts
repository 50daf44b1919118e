import "server-only";
import type { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { can, type Action } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import type { Viewer } from "@/lib/auth/viewer";
import { ActionError, type ActionResult } from "@/lib/errors";
import { isMessageKey } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";
import { illFormedField, isWellFormedText } from "@/lib/validation/text";

/** FormData → plain object for zod (repeated names become arrays; empty strings stay empty strings). */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const v = typeof value === "string" ? value : value;
    if (key in out) out[key] = ([] as unknown[]).concat(out[key], v);
    else out[key] = v;
  }
  return out;
}

/** The submitted text fields to refill a form with after a failure; secrets are never echoed. */
export function echoValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION") && !/password|secret|token/i.test(key)) out[key] = value.slice(0, 2000);
  }
  return out;
}

/** zod issues → one message per field (the first), keyed by the field's path. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * A form's text arrives decoded: a lone UTF-16 surrogate or bytes that are not UTF-8 have already become
 * U+FFFD on the way (browsers and FormData replace them), and nobody types U+FFFD, so in a form it is
 * evidence of broken input and refused with the rest.
 */
const REPLACEMENT = "\uFFFD";

function formIllFormedField(raw: Record<string, unknown>): string | null {
  const field = illFormedField(raw);
  if (field !== null) return field;
  for (const [key, value] of Object.entries(raw)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === "string" && v.includes(REPLACEMENT))) return key;
  }
  return null;
}

/**
 * Every form's text, checked before any schema or handler sees it: a lone UTF-16 surrogate (PostgreSQL would
 * store U+FFFD), U+FFFD itself, NUL or another control character is a field error on that field, and nothing
 * is written.
 */
export function illFormedRefusal(raw: Record<string, unknown>, t: (key: "action.invalid" | "text.illFormed") => string): Extract<ActionResult<never>, { ok: false }> | null {
  const field = formIllFormedField(raw);
  if (field === null) return null;
  const name = isWellFormedText(field) ? field : "_form";
  return { ok: false, code: "invalid", message: t("action.invalid"), fieldErrors: { [name]: t("text.illFormed") } };
}

/**
 * The one wrapper for every server action: authenticate, check the role's permission, validate the form
 * with zod, run the handler (which checks the unit's scope and writes in a transaction with its audit
 * event), and return a typed result. The scope always comes from the session, never from the form.
 * Expected failures are thrown as ActionError; anything else is logged and reported without details.
 */
export function defineAction<S extends z.ZodType, T = undefined>(opts: {
  permission: Action;
  schema: S;
  handler: (ctx: { viewer: Viewer; db: Db; input: z.infer<S> }) => Promise<ActionResult<T>>;
}) {
  return async (_prev: ActionResult<T> | null, form: FormData): Promise<ActionResult<T>> => {
    const result = await run(form);
    return result.ok ? result : { ...result, values: echoValues(form) };
  };

  async function run(form: FormData): Promise<ActionResult<T>> {
    const { t } = await getT();
    const viewer = await getViewer();
    if (!viewer) return { ok: false, code: "unauthenticated", message: t("action.unauthenticated") };
    if (!can(viewer, opts.permission)) return { ok: false, code: "forbidden", message: t("action.forbidden") };
    const raw = formToObject(form);
    const refused = illFormedRefusal(raw, t);
    if (refused) return refused;
    const parsed = opts.schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors = Object.fromEntries(
        Object.entries(fieldErrorsOf(parsed.error)).map(([field, msg]) => [field, isMessageKey(msg) ? t(msg) : msg]),
      );
      return { ok: false, code: "invalid", message: t("action.invalid"), fieldErrors };
    }
    try {
      return await opts.handler({ viewer, db: await getDb(), input: parsed.data });
    } catch (err) {
      if (err instanceof ActionError) return { ok: false, code: err.code, message: err.message, fieldErrors: err.fieldErrors };
      console.error(`action ${opts.permission} failed:`, err);
      return { ok: false, code: "internal", message: t("action.internal") };
    }
  }
}
