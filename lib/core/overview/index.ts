// Aggregates for the dashboard's overview and an entity's health, project-scoped. Each query is
// bounded (a time window, a LIMIT or a capped count) so a page load stays cheap at 1,000,000
// connections; the index each one relies on is named next to it. One file per section.
export * from "./counts";
export * from "./activity";
export * from "./attention";
export * from "./health";
export * from "./verdict";
