import { isMessageKey, type Translate } from "@/lib/i18n";
import type { ActionResult } from "@/lib/errors";

/**
 * The shared member schema (validation.ts) reports catalog keys so that the API, the form and the import can
 * each answer in their own language; a form gets them translated here, next to the field they belong to.
 */
export function translateFieldErrors<T>(result: ActionResult<T>, t: Translate): ActionResult<T> {
  if (result.ok || !result.fieldErrors) return result;
  const fieldErrors: Record<string, string> = {};
  for (const [field, message] of Object.entries(result.fieldErrors)) fieldErrors[field] = isMessageKey(message) ? t(message) : message;
  return { ...result, fieldErrors };
}
