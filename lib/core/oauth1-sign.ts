// OAuth 1.0a request signing (RFC 5849, HMAC-SHA1) with the `oauth-1.0a` library; parameters in the header.
import crypto from "node:crypto";
import OAuth from "oauth-1.0a";

/** The Authorization header value for one signed request. */
export function signOAuth1(input: {
  consumer: { key: string; secret: string };
  token?: { key: string; secret: string };
  method: string;
  url: string;
  extra?: Record<string, string>; // oauth_callback, oauth_verifier
}): string {
  const oauth = new OAuth({
    consumer: input.consumer,
    signature_method: "HMAC-SHA1",
    // 20–30 characters: some servers (oauthlib) refuse longer nonces.
    nonce_length: 24,
    hash_function: (base, key) => crypto.createHmac("sha1", key).update(base).digest("base64"),
  });
  const data = { url: input.url, method: input.method.toUpperCase(), data: input.extra ?? {} };
  const auth = oauth.authorize(data, input.token);
  // The library signs `data` but only writes oauth_* keys it made itself: add ours to the header.
  return oauth.toHeader({ ...auth, ...(input.extra ?? {}) }).Authorization;
}
