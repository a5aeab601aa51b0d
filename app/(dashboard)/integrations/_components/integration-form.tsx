"use client";
// Create or edit an integration. OAuth fields appear only for OAuth schemes; URL overrides only
// for self-hostable apps; the client secret is write-only (never sent back to the browser).
import { useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { field, useActionForm } from "@/components/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { createIntegrationAction, updateIntegrationAction } from "../actions";

export interface SchemeOption {
  mode: string;
  label: string;
  defaultScopes: string[];
  /** The provider takes no scope parameter (Notion, ClickUp…). */
  noScopes: boolean;
}

export interface IntegrationFormProps {
  app: { key: string; name: string; selfHostable: boolean };
  schemes: SchemeOption[];
  redirectUri: string;
  /** Present when editing. */
  existing?: {
    id: string;
    name: string;
    authScheme: string;
    clientId: string;
    clientSecretSet: boolean;
    scopes: string[];
    authorizeUrl: string;
    tokenUrl: string;
    apiBaseUrl: string;
  };
}

const isOAuth = (mode: string) => mode === "OAUTH2" || mode === "OAUTH1";

export function IntegrationForm({ app, schemes, redirectUri, existing }: IntegrationFormProps) {
  const [mode, setMode] = useState(existing?.authScheme ?? schemes[0]?.mode ?? "");
  const scheme = schemes.find((s) => s.mode === mode);
  const oauth = isOAuth(mode);
  const showScopes = mode === "OAUTH2" && !scheme?.noScopes;
  const { result, pending, ready, formProps } = useActionForm(
    (data) => {
      const common = {
        name: field(data, "name"),
        ...(oauth
          ? { clientId: field(data, "clientId"), clientSecret: field(data, "clientSecret") }
          : {}),
        ...(showScopes ? { scopes: field(data, "scopes") } : {}),
        ...(app.selfHostable
          ? {
              authorizeUrl: field(data, "authorizeUrl"),
              tokenUrl: field(data, "tokenUrl"),
              apiBaseUrl: field(data, "apiBaseUrl"),
            }
          : {}),
      };
      return existing
        ? updateIntegrationAction({ id: existing.id, ...common })
        : createIntegrationAction({ appKey: app.key, authScheme: mode, ...common });
    },
    { resetOnSuccess: true },
  );
  const scopesDefault = existing
    ? existing.scopes.join(" ")
    : (scheme?.defaultScopes.join(" ") ?? "");

  return (
    <form {...formProps} className="space-y-6">
      <Card>
        <CardHeader
          title={existing ? "Settings" : `${app.name} integration`}
          description={
            oauth
              ? `Register an OAuth app at ${app.name} with the redirect URI below, then paste its client id and secret.`
              : "End users type their own credentials on the connect page; nothing else is needed here."
          }
        />
        <CardContent className="space-y-4">
          <Field
            id="integration-name"
            label="Name"
            hint="Shown to operators; defaults to the app and scheme."
          >
            <Input
              id="integration-name"
              name="name"
              maxLength={200}
              defaultValue={existing?.name ?? ""}
              autoComplete="off"
              aria-describedby="integration-name-hint"
            />
          </Field>
          {existing ? (
            <div className="space-y-1.5">
              <p className="text-sm font-medium text-slate-800">Auth scheme</p>
              <p className="text-sm text-slate-700">{scheme?.label ?? mode}</p>
            </div>
          ) : (
            <Field id="integration-scheme" label="Auth scheme">
              <Select
                id="integration-scheme"
                name="authScheme"
                value={mode}
                onChange={(e) => setMode(e.currentTarget.value)}
                disabled={schemes.length < 2}
              >
                {schemes.map((s) => (
                  <option key={s.mode} value={s.mode}>
                    {s.label}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {oauth ? (
            <>
              <div className="space-y-1.5">
                <p className="text-sm font-medium text-slate-800" id="redirect-uri-label">
                  Redirect URI to register at {app.name}
                </p>
                <div className="flex flex-wrap items-center gap-2">
                  <code
                    aria-labelledby="redirect-uri-label"
                    className="min-w-0 flex-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-sm break-all text-slate-900"
                  >
                    {redirectUri}
                  </code>
                  <CopyButton value={redirectUri} />
                </div>
              </div>
              <Field id="integration-client-id" label="Client id">
                <Input
                  id="integration-client-id"
                  name="clientId"
                  required
                  maxLength={500}
                  defaultValue={existing?.clientId ?? ""}
                  autoComplete="off"
                  spellCheck={false}
                />
              </Field>
              <Field
                id="integration-client-secret"
                label="Client secret"
                hint={
                  existing
                    ? existing.clientSecretSet
                      ? "A secret is set. Leave empty to keep the current secret."
                      : "No secret is set yet."
                    : "Stored encrypted; it is never shown again."
                }
              >
                <Input
                  id="integration-client-secret"
                  name="clientSecret"
                  type="password"
                  required={!existing?.clientSecretSet}
                  maxLength={10_000}
                  autoComplete="new-password"
                  spellCheck={false}
                  aria-describedby="integration-client-secret-hint"
                />
              </Field>
            </>
          ) : null}
          {showScopes ? (
            <Field
              id="integration-scopes"
              label="Scopes"
              hint="Separated by spaces. Only these are requested from the end user."
            >
              <Input
                key={mode}
                id="integration-scopes"
                name="scopes"
                maxLength={5000}
                defaultValue={scopesDefault}
                autoComplete="off"
                spellCheck={false}
                aria-describedby="integration-scopes-hint"
              />
            </Field>
          ) : null}
        </CardContent>
      </Card>
      {app.selfHostable ? (
        <Card>
          <CardHeader
            title="Self-hosted URLs"
            description={`For a self-hosted ${app.name} (e.g. an Enterprise server). Leave empty to use ${app.name}'s public service.`}
          />
          <CardContent className="space-y-4">
            {oauth ? (
              <>
                <Field id="integration-authorize-url" label="Authorize URL">
                  <Input
                    id="integration-authorize-url"
                    name="authorizeUrl"
                    type="url"
                    defaultValue={existing?.authorizeUrl ?? ""}
                    placeholder="https://git.example.com/login/oauth/authorize"
                  />
                </Field>
                <Field id="integration-token-url" label="Token URL">
                  <Input
                    id="integration-token-url"
                    name="tokenUrl"
                    type="url"
                    defaultValue={existing?.tokenUrl ?? ""}
                    placeholder="https://git.example.com/login/oauth/access_token"
                  />
                </Field>
              </>
            ) : null}
            <Field id="integration-api-base-url" label="API base URL">
              <Input
                id="integration-api-base-url"
                name="apiBaseUrl"
                type="url"
                defaultValue={existing?.apiBaseUrl ?? ""}
                placeholder="https://git.example.com/api/v3"
              />
            </Field>
          </CardContent>
        </Card>
      ) : null}
      {result && !result.ok ? <Alert tone="error">{result.error}</Alert> : null}
      {result?.ok ? <Alert tone="success">Saved.</Alert> : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={pending || !ready}>
          {pending ? "Saving…" : existing ? "Save changes" : "Create integration"}
        </Button>
      </div>
    </form>
  );
}
