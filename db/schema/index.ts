export * from "./projects";
export * from "./connections";
