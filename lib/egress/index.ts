// Egress guard: every outbound provider call goes through egressFetch / egressFetchFn.
export { isBlockedAddress, isLocalhostName, isLoopback } from "./address";
export { egressAgent, guardedLookup } from "./dispatcher";
export { EgressError, findEgressError, type EgressErrorCode } from "./errors";
export { egressFetch, type EgressRequestInit } from "./fetch";
export { egressFetchFn } from "./fetch-adapter";
export { resolveApiPath } from "./paths";
export {
  checkUrl,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type CheckedTarget,
  type EgressPolicy,
  type LookupMode,
} from "./policy";
export type { EgressResponse } from "./response";
