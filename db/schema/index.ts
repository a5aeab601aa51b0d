export * from "./projects";
export * from "./connections";
export * from "./webhooks";
export * from "./sessions";
