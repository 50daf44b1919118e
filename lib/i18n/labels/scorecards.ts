/** The scorecards' suspend form: the catalog keys it needs, translated on the server with `pick`. */
import type { MessageKey } from "@/lib/i18n";

/** `scorecards.suspendConfirm` names the token and its holder, so it is translated apart and passed as its own prop. */
export const SUSPEND_KEYS = ["scorecards.suspend", "scorecards.suspendYes", "scorecards.keep"] as const satisfies readonly MessageKey[];
export type SuspendLabels = Record<(typeof SUSPEND_KEYS)[number], string>;
