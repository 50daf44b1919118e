export * from "@/db/schema/geo";
export * from "@/db/schema/users";
export * from "@/db/schema/people";
export * from "@/db/schema/campaigns";
export * from "@/db/schema/members";
export * from "@/db/schema/enrolment";
export * from "@/db/schema/security";
export * from "@/db/schema/quality";
