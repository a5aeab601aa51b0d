// The overview's cards. Each one loads its own numbers, so the page streams them in behind
// skeletons of the same height (see ../section-frame.tsx) instead of waiting for the slowest.
export { StatusSection } from "./status-section";
export { AppsSection } from "./apps-section";
export { CreatedSection, ExecutionsSection } from "./activity-sections";
export { AttentionSection } from "./attention-section";
export { FailuresSection } from "./failures-section";
