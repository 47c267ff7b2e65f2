export * from "./auth";
export * from "./orgs";
export * from "./audit";
export * from "./mail";
export * from "./rate-limits";
export * from "./audience";
export * from "./billing";
