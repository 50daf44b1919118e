import type { MessageKey } from "./en";
import * as appointments from "./messages/appointments";
import * as core from "./messages/core";
import * as members from "./messages/members";
import * as progress from "./messages/progress";
import * as users from "./messages/users";

/** The Hindi catalog; a missing key falls back to English (the catalog test counts what is missing). */
export const hi: Partial<Record<MessageKey, string>> = { ...core.hi, ...progress.hi, ...appointments.hi, ...members.hi, ...users.hi };
