import * as appointments from "@/lib/i18n/messages/appointments";
import * as audit from "@/lib/i18n/messages/audit";
import * as core from "@/lib/i18n/messages/core";
import * as members from "@/lib/i18n/messages/members";
import * as progress from "@/lib/i18n/messages/progress";
import * as quality from "@/lib/i18n/messages/quality";
import * as scorecards from "@/lib/i18n/messages/scorecards";
import * as users from "@/lib/i18n/messages/users";

/**
 * The English catalog, assembled from one module per feature (lib/i18n/messages/*.ts) so that features can
 * add their messages side by side. English is the source: every key exists here.
 */
export const en = { ...core.en, ...progress.en, ...appointments.en, ...members.en, ...users.en, ...quality.en, ...scorecards.en, ...audit.en } as const;

export type MessageKey = keyof typeof en;
