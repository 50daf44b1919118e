import type { z } from "zod";
import { isMessageKey, translator, type MessageKey, type Translate } from "@/lib/i18n";

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

export type MessageValues = Record<string, string | number>;

/** A catalog key and the values of its placeholders: what lib/ says, translated where the reader is known. */
export type Message = MessageKey | { key: MessageKey; values?: MessageValues };

export function translateMessage(t: Translate, message: Message): string {
  return typeof message === "string" ? t(message) : t(message.key, message.values);
}

const english = translator("en");

/**
 * An expected failure a service or handler throws to return a typed result (e.g. "this post was just filled
 * by …"). It carries catalog keys; defineAction translates them into the reader's language. `message` and
 * `fieldErrors` are the English texts, for logs, the command line and tests.
 */
export class ActionError extends Error {
  readonly fields: Record<string, Message>;

  constructor(
    public readonly code: ErrorCode,
    public readonly key: MessageKey,
    public readonly values?: MessageValues,
    fieldErrors?: Record<string, Message>,
  ) {
    super(english(key, values));
    this.name = "ActionError";
    this.fields = fieldErrors ?? {};
  }

  /** The field messages in English (undefined when there are none). */
  get fieldErrors(): Record<string, string> | undefined {
    return Object.keys(this.fields).length ? this.fieldMessages(english) : undefined;
  }

  fieldMessages(t: Translate): Record<string, string> {
    return Object.fromEntries(Object.entries(this.fields).map(([field, m]) => [field, translateMessage(t, m)]));
  }

  /** The failed result in the reader's language. */
  toResult(t: Translate): Extract<ActionResult<never>, { ok: false }> {
    const fieldErrors = Object.keys(this.fields).length ? this.fieldMessages(t) : undefined;
    return { ok: false, code: this.code, message: t(this.key, this.values), ...(fieldErrors ? { fieldErrors } : {}) };
  }
}

/**
 * A zod issue's message is a catalog key (schemas never build text per request); the placeholders come from
 * the issue: `{max}` / `{min}` from a size check, anything else from a custom issue's `params`. A message that
 * is not a key (zod's own default) is passed through as it is.
 */
export function issueMessage(issue: z.core.$ZodIssue): Message | string {
  if (!isMessageKey(issue.message)) return issue.message;
  const values: MessageValues = {};
  if (issue.code === "too_big") values.max = Number(issue.maximum);
  if (issue.code === "too_small") values.min = Number(issue.minimum);
  if (issue.code === "custom" && issue.params) Object.assign(values, issue.params);
  return Object.keys(values).length ? { key: issue.message, values } : issue.message;
}

/** zod issues → one message per field (the first), keyed by the field's path, translated by `t`. */
export function fieldErrorsOf(error: z.ZodError, t: Translate): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    if (key in out) continue;
    const m = issueMessage(issue);
    out[key] = typeof m === "string" && !isMessageKey(m) ? m : translateMessage(t, m as Message);
  }
  return out;
}
