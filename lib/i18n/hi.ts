import type { MessageKey } from "@/lib/i18n/en";
import * as appointments from "@/lib/i18n/messages/appointments";
import * as audit from "@/lib/i18n/messages/audit";
import * as core from "@/lib/i18n/messages/core";
import * as members from "@/lib/i18n/messages/members";
import * as progress from "@/lib/i18n/messages/progress";
import * as quality from "@/lib/i18n/messages/quality";
import * as scorecards from "@/lib/i18n/messages/scorecards";
import * as users from "@/lib/i18n/messages/users";

/** The Hindi catalog; a missing key falls back to English (the catalog test counts what is missing). */
export const hi: Partial<Record<MessageKey, string>> = { ...core.hi, ...progress.hi, ...appointments.hi, ...members.hi, ...users.hi, ...quality.hi, ...scorecards.hi, ...audit.hi };
