import * as appointments from "./messages/appointments";
import * as core from "./messages/core";
import * as members from "./messages/members";
import * as progress from "./messages/progress";
import * as users from "./messages/users";

/**
 * The English catalog, assembled from one module per feature (lib/i18n/messages/*.ts) so that features can
 * add their messages side by side. English is the source: every key exists here.
 */
export const en = { ...core.en, ...progress.en, ...appointments.en, ...members.en, ...users.en } as const;

export type MessageKey = keyof typeof en;
