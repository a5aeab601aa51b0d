import { EgressError } from "./errors";
import { egressFetch } from "./fetch";
import { checkUrl, type EgressPolicy } from "./policy";

// Statuses whose Response must be constructed without a body.
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === "string") return input;
  return input instanceof URL ? input.href : input.url;
}

// A fetch-compatible function (e.g. oauth4webapi's [customFetch]) that goes through the egress guard.
export function egressFetchFn(policy: EgressPolicy): typeof fetch {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let target: URL;
    try {
      target = new URL(urlOf(input));
    } catch {
      throw new EgressError("bad_path", "invalid URL");
    }
    // Checked before `new Request`, which would throw a bare TypeError on userinfo.
    checkUrl(target, policy);
    // Request normalises every body kind (URLSearchParams, FormData, Blob, streams) and Headers.
    const req = new Request(
      input,
      init?.body ? ({ ...init, duplex: "half" } as RequestInit) : init,
    );
    const headers: Record<string, string> = {};
    req.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body = req.body ? new Uint8Array(await req.arrayBuffer()) : undefined;
    const res = await egressFetch(
      req.url,
      { method: req.method, headers, body, signal: req.signal, redirect: req.redirect },
      policy,
    );
    if (res.status < 200 || res.status > 599) {
      throw new EgressError("network", `invalid status ${res.status} from ${target.host}`);
    }
    const payload = NULL_BODY.has(res.status) ? null : new Uint8Array(res.body);
    const response = new Response(payload, { status: res.status, headers: res.headers });
    Object.defineProperty(response, "url", { value: res.url });
    return response;
  };
}
