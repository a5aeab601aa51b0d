// OAuth 1.0a request signing (RFC 5849, HMAC-SHA1) with the `oauth-1.0a` library; parameters in the header.
import crypto from "node:crypto";
import OAuth from "oauth-1.0a";

type Params = Record<string, string | string[]>;

function addPairs(into: Params, pairs: URLSearchParams): void {
  for (const [k, v] of pairs) {
    const prev = into[k];
    into[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
}

/** The Authorization header value for one signed request (query and form-body parameters are signed too). */
export function signOAuth1(input: {
  consumer: { key: string; secret: string };
  token?: { key: string; secret: string };
  method: string;
  url: string;
  extra?: Record<string, string>; // oauth_callback, oauth_verifier
  /** An application/x-www-form-urlencoded body: its parameters are part of the signature (§3.4.1.3.1). */
  form?: URLSearchParams;
}): string {
  const oauth = new OAuth({
    consumer: input.consumer,
    signature_method: "HMAC-SHA1",
    hash_function: (base, key) => crypto.createHmac("sha1", key).update(base).digest("base64"),
  });
  // The library's nonce uses Math.random: use a CSPRNG (24 hex chars fit oauthlib's 20–30 bounds).
  oauth.getNonce = () => crypto.randomBytes(12).toString("hex");
  // Parse the query with WHATWG rules (the library mis-decodes "+" and encoded names).
  const url = new URL(input.url);
  const data: Params = { ...(input.extra ?? {}) };
  addPairs(data, url.searchParams);
  if (input.form) addPairs(data, input.form);
  url.search = "";
  url.hash = "";
  const auth = oauth.authorize(
    { url: url.toString(), method: input.method.toUpperCase(), data },
    input.token,
  );
  // The library signs `data` but only writes the oauth_* keys it made itself: add ours to the header.
  return oauth.toHeader({ ...auth, ...(input.extra ?? {}) }).Authorization;
}
