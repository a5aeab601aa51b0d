import { escapeHtml } from "./http";

const SCOPE_TEXT: Record<string, string> = {
  openid: "Confirm your identity",
  profile: "See your name",
  offline_access: "Stay connected when you are not using the app",
  "notes:read": "Read your notes",
  "notes:write": "Create and delete your notes",
};

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;background:#f4f4f5;color:#18181b;margin:0}
main{max-width:24rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:.75rem;box-shadow:0 1px 3px #0002}
h1{font-size:1.4rem;margin:0 0 1rem}label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input{width:100%;box-sizing:border-box;padding:.5rem;font:inherit;border:1px solid #a1a1aa;border-radius:.375rem}
button{font:inherit;padding:.5rem 1rem;border-radius:.375rem;border:1px solid #18181b;cursor:pointer;margin-top:1rem}
.primary{background:#18181b;color:#fff}.error{color:#b91c1c;font-weight:600}.hint{color:#52525b;font-size:.9rem}
.actions{display:flex;gap:.75rem}ul{padding-left:1.25rem}`;

function layout(title: string, content: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Keyport sandbox</title><style>${STYLE}</style></head>
<body><main>${content}</main></body></html>`;
}

/** The sign-in page of an interaction, optionally showing an error. */
export function loginPage(
  uid: string,
  opts: { base?: string; username?: string; error?: string } = {},
): string {
  const error = opts.error
    ? `<p class="error" role="alert" id="login-error">${escapeHtml(opts.error)}</p>`
    : "";
  const described = opts.error ? ' aria-describedby="login-error" aria-invalid="true"' : "";
  return layout(
    "Sign in",
    `<h1>Sign in to the sandbox</h1>${error}
<form method="post" action="${opts.base ?? ""}/interaction/${encodeURIComponent(uid)}/login">
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required maxlength="64" value="${escapeHtml(opts.username ?? "")}"${opts.username ? "" : " autofocus"}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${described}${opts.username ? " autofocus" : ""}>
<p class="hint">Any username works; the password is <code>sandbox</code>.</p>
<button type="submit" class="primary">Sign in</button>
</form>`,
  );
}

/** The consent page: which client asks for which scopes, with Allow and Deny. */
export function consentPage(
  uid: string,
  opts: { base?: string; clientName: string; username: string; scopes: string[] },
): string {
  const items = opts.scopes
    .map((s) => `<li>${escapeHtml(SCOPE_TEXT[s] ?? s)} <code>${escapeHtml(s)}</code></li>`)
    .join("");
  return layout(
    "Allow access",
    `<h1>Allow ${escapeHtml(opts.clientName)} to access your sandbox account?</h1>
<p>Signed in as <strong>${escapeHtml(opts.username)}</strong>.</p>
<p id="scopes-label">${escapeHtml(opts.clientName)} is asking to:</p>
<ul aria-labelledby="scopes-label">${items || "<li>Know who you are</li>"}</ul>
<form method="post" action="${opts.base ?? ""}/interaction/${encodeURIComponent(uid)}/consent" class="actions">
<button type="submit" name="decision" value="allow" class="primary">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
  );
}

/** A page explaining that the interaction cannot continue. */
export function errorPage(message: string): string {
  return layout(
    "Error",
    `<h1>This sign-in cannot continue</h1><p role="alert">${escapeHtml(message)}</p>
<p class="hint">Go back to the app and start connecting again.</p>`,
  );
}
