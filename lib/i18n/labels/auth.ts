/**
 * The sign-in form's labels: the catalog keys it needs, translated on the server with `pick` (lib/i18n/pick.ts).
 */
import type { MessageKey } from "@/lib/i18n";

export const LOGIN_KEYS = [
  "login.email",
  "login.password",
  "login.submit",
  "login.submitting",
  "login.invalid",
  "login.tooMany",
] as const satisfies readonly MessageKey[];
export type LoginLabels = Record<(typeof LOGIN_KEYS)[number], string>;
