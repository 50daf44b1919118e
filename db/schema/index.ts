export * from "./geo";
export * from "./users";
export * from "./people";
export * from "./campaigns";
export * from "./members";
export * from "./enrolment";
export * from "./security";
