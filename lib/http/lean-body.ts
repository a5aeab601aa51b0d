// Bodies on the lean path without web streams (issue 16). The front server (server/lean.ts) has a
// request's body in one buffer already; a web Request made with it would wrap the bytes in a
// stream only for readJson to read them back, and an answer's bytes would take the same detour
// out. Together that costs more than the rest of a small execute's framing. So the front server
// makes its Request without a body and attaches the bytes under a registered symbol; an API
// answer to such a request is a bodyless Response with its bytes attached the same way, which
// the front server writes as they are. Requests Next makes carry nothing here and are read as
// streams. Symbol.for, because the front server and Next's bundle each load their own copy.

const BYTES = Symbol.for("keyport.lean.bytes");

type WithBytes = { [BYTES]?: Uint8Array };

/** Attach a body's bytes to a bodyless Request or Response; returns the same object. */
export function attachBytes<T extends Request | Response>(target: T, bytes: Uint8Array): T {
  (target as T & WithBytes)[BYTES] = bytes;
  return target;
}

/** The bytes attached to a Request or Response, or undefined when its body is its stream. */
export function attachedBytes(target: Request | Response): Uint8Array | undefined {
  return (target as (Request | Response) & WithBytes)[BYTES];
}
