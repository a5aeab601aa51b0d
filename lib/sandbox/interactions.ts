import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import { readForm, sendHtml } from "./http";
import { consentPage, errorPage, loginPage } from "./pages";

export const SANDBOX_PASSWORD = "sandbox";
const WRONG_PASSWORD = "Wrong password. The sandbox password is sandbox.";
const FORM_LIMIT = 16 * 1024;
const USERNAME = /^[^\p{C}]{1,64}$/u; // any printable text; it becomes the `sub`

type Interaction = Awaited<ReturnType<Provider["interactionDetails"]>>;

/** The header a front proxy sets to the path it serves the sandbox's pages under. */
export const PREFIX_HEADER = "x-forwarded-prefix";
const PREFIX = /^(?:\/[a-z0-9-]+)+$/;

/** Where the browser reaches this sandbox's pages: "" directly, "/sandbox" through Keyport. */
function basePath(req: IncomingMessage): string {
  const prefix = req.headers[PREFIX_HEADER];
  return typeof prefix === "string" && PREFIX.test(prefix) ? prefix : "";
}

/** Serves /interaction/:uid pages; returns false when the path is not an interaction route. */
export async function handleInteraction(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<boolean> {
  const match = /^\/interaction\/([\w-]+)(?:\/(login|consent))?$/.exec(path);
  if (!match) return false;
  const [, uid = "", action] = match;
  const expected = action ? "POST" : "GET";
  if (req.method !== expected) {
    res.writeHead(405, { allow: expected }).end();
    return true;
  }

  let details: Interaction;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    sendHtml(res, 400, errorPage("This sign-in request has expired or was already used."));
    return true;
  }
  if (details.uid !== uid) {
    sendHtml(res, 400, errorPage("This sign-in request does not match your browser session."));
    return true;
  }

  const prompt = details.prompt.name;
  const base = basePath(req);
  if (!action) {
    if (prompt === "login") sendHtml(res, 200, loginPage(uid, { base }));
    else sendHtml(res, 200, consentPage(uid, { base, ...(await consentView(provider, details)) }));
    return true;
  }
  if (action !== prompt) {
    sendHtml(res, 400, errorPage(`Expected the ${prompt} step, got ${action}.`));
    return true;
  }
  const form = await readForm(req, FORM_LIMIT).catch(() => undefined);
  if (!form) {
    sendHtml(res, 413, errorPage("The form submission is too large."));
    return true;
  }
  if (action === "login") await submitLogin(provider, req, res, uid, form);
  else await submitConsent(provider, req, res, details, form);
  return true;
}

async function submitLogin(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  uid: string,
  form: URLSearchParams,
): Promise<void> {
  const username = (form.get("username") ?? "").trim();
  if (!USERNAME.test(username)) {
    const error = "Enter a username of 1 to 64 printable characters.";
    sendHtml(res, 200, loginPage(uid, { base: basePath(req), username, error }));
    return;
  }
  if (form.get("password") !== SANDBOX_PASSWORD) {
    sendHtml(res, 200, loginPage(uid, { base: basePath(req), username, error: WRONG_PASSWORD }));
    return;
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: username } },
    { mergeWithLastSubmission: false },
  );
}

async function submitConsent(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  details: Interaction,
  form: URLSearchParams,
): Promise<void> {
  if (form.get("decision") !== "allow") {
    const denied = { error: "access_denied", error_description: "The user denied access" };
    await provider.interactionFinished(req, res, denied, { mergeWithLastSubmission: false });
    return;
  }
  const accountId = details.session?.accountId;
  const clientId = details.params.client_id;
  if (!accountId || typeof clientId !== "string") {
    sendHtml(res, 400, errorPage("Sign in again before giving consent."));
    return;
  }
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ accountId, clientId });
  const missing = missingScopes(details);
  if (missing.oidc.length) grant.addOIDCScope(missing.oidc);
  if (missing.claims.length) grant.addOIDCClaims(missing.claims);
  for (const [resource, scopes] of Object.entries(missing.resources)) {
    grant.addResourceScope(resource, scopes);
  }
  const grantId = await grant.save();
  const consent = existing ? {} : { grantId };
  await provider.interactionFinished(req, res, { consent }, { mergeWithLastSubmission: true });
}

interface MissingScopes {
  oidc: string[];
  claims: string[];
  resources: Record<string, string[]>;
}

function missingScopes(details: Interaction): MissingScopes {
  const d = details.prompt.details;
  const strings = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  const resources: Record<string, string[]> = {};
  const raw = d.missingResourceScopes;
  if (raw && typeof raw === "object") {
    for (const [resource, scopes] of Object.entries(raw)) resources[resource] = strings(scopes);
  }
  return { oidc: strings(d.missingOIDCScope), claims: strings(d.missingOIDCClaims), resources };
}

async function consentView(provider: Provider, details: Interaction) {
  const clientId = typeof details.params.client_id === "string" ? details.params.client_id : "";
  const client = await provider.Client.find(clientId);
  const missing = missingScopes(details);
  const scopes = new Set([...missing.oidc, ...Object.values(missing.resources).flat()]);
  return {
    clientName: client?.clientName ?? clientId,
    username: details.session?.accountId ?? "",
    scopes: [...scopes],
  };
}
