import "server-only";
import { refresh, revalidatePath } from "next/cache";
import type { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { can, type Action } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import type { Viewer } from "@/lib/auth/viewer";
import { ActionError, fieldErrorsOf, type ActionResult } from "@/lib/errors";
import type { Translate } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";
import { illFormedField, isWellFormedText } from "@/lib/validation/text";
import { afterWrite } from "@/lib/reads";

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
 * What a successful write refreshes: the paths to revalidate (the page lists them), or "refresh" (the page the
 * form is on, re-rendered in place). A function decides from the result (e.g. only when something changed);
 * null or an absent option refreshes nothing — a deliberate choice where the page must not change under the
 * form (see the token revoke action).
 */
export type Revalidate<T> = "refresh" | readonly string[] | ((data: T | undefined) => "refresh" | readonly string[] | null);

function applyRevalidate<T>(revalidate: Revalidate<T> | undefined, data: T | undefined): void {
  const what = typeof revalidate === "function" ? revalidate(data) : revalidate;
  if (!what) return;
  if (what === "refresh") refresh();
  else for (const path of what) revalidatePath(path);
}

/**
 * The one wrapper for every server action: authenticate, check the role's permission, validate the form
 * with zod, run the handler (which checks the unit's scope and writes in a transaction with its audit
 * event), refresh what the write changed, and return a typed result. The scope always comes from the
 * session, never from the form. Schemas and ActionErrors carry catalog keys, translated here into the
 * reader's language. Expected failures are thrown as ActionError; anything else is logged and reported
 * without details.
 *
 * `permission` may be read from the form where one form serves two sections (enrollers / IT cell): that only
 * picks the coarse check made before parsing; the service checks the real permission again.
 */
export function defineAction<S extends z.ZodType, T = undefined>(opts: {
  permission: Action | ((form: FormData) => Action);
  schema: S;
  handler: (ctx: { viewer: Viewer; db: Db; input: z.infer<S>; t: Translate }) => Promise<ActionResult<T>>;
  revalidate?: Revalidate<NoInfer<T>>;
  /** false for an action that only reads (a search): it leaves the rollups and the reader's database as they are. */
  writes?: false;
}) {
  return async (_prev: ActionResult<T> | null, form: FormData): Promise<ActionResult<T>> => {
    const result = await run(form);
    if (result.ok) {
      // The writer reads their write at once: this process's shared rollups are computed again, and with a
      // standby this browser reads the primary until the standby has replayed the write (lib/reads.ts).
      if (opts.writes !== false) await afterWrite();
      applyRevalidate(opts.revalidate, result.data);
    }
    return result.ok ? result : { ...result, values: echoValues(form) };
  };

  async function run(form: FormData): Promise<ActionResult<T>> {
    const { t } = await getT();
    const permission = typeof opts.permission === "function" ? opts.permission(form) : opts.permission;
    const viewer = await getViewer();
    if (!viewer) return { ok: false, code: "unauthenticated", message: t("action.unauthenticated") };
    if (!can(viewer, permission)) return { ok: false, code: "forbidden", message: t("action.forbidden") };
    const raw = formToObject(form);
    const refused = illFormedRefusal(raw, t);
    if (refused) return refused;
    const parsed = opts.schema.safeParse(raw);
    if (!parsed.success) return { ok: false, code: "invalid", message: t("action.invalid"), fieldErrors: fieldErrorsOf(parsed.error, t) };
    try {
      return await opts.handler({ viewer, db: await getDb(), input: parsed.data, t });
    } catch (err) {
      if (err instanceof ActionError) return err.toResult(t);
      console.error(`action ${permission} failed:`, err);
      return { ok: false, code: "internal", message: t("action.internal") };
    }
  }
}
