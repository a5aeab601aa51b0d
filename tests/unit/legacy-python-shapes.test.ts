// Every app and every action, as the legacy face shows them, is accepted by the Python SDK's
// pydantic models (written as zod in tests/e2e/python-sdk-models.ts) — not only the few the
// contract test's example touches.
import { describe, expect, it } from "vitest";
import { listActions } from "@/lib/actions/registry";
import { listApps } from "@/lib/catalog";
import { actionLegacy, appLegacy } from "@/lib/http/legacy-mappers";
import { ActionModel, AppModel } from "../support/e2e/python-sdk-models";

const opts = { sandboxOrigin: "http://127.0.0.1:4010" };

describe("legacy face × Python SDK models", () => {
  it("every action of every app parses as ActionModel (parameters and response: properties, title, string type)", async () => {
    const { items } = await listActions({ limit: 5000 }, opts);
    expect(items.length).toBeGreaterThan(1221);
    const rejected = items
      .map((a) => ({ name: a.name, parsed: ActionModel.safeParse(actionLegacy(a)) }))
      .filter((r) => !r.parsed.success)
      .map((r) => `${r.name}: ${JSON.stringify(r.parsed.error?.issues[0])}`);
    expect(rejected).toEqual([]);
  });

  it("a non-object answer is described the way execute wraps it: a list as {items}, a scalar as {value}", async () => {
    const { items } = await listActions({ apps: ["github"], limit: 5000 }, opts);
    const list = items.find((a) => a.name === "GITHUB_LIST_REPOSITORY_ISSUES")!;
    expect(list.response?.type).toBe("array");
    const shown = actionLegacy(list).response as { type: string; properties: { items?: unknown } };
    expect(shown.type).toBe("object");
    expect(shown.properties.items).toMatchObject({ type: "array" });
  });

  it("every app parses as AppModel; expected_from_customer is false only for the integration's own fields", () => {
    for (const app of listApps(opts)) {
      const shown = appLegacy(app);
      const parsed = AppModel.safeParse(shown);
      expect(parsed.success ? [] : parsed.error.issues.slice(0, 3), app.key).toEqual([]);
    }
    const sandbox = appLegacy(listApps(opts).find((a) => a.key === "sandbox")!);
    const oauth = sandbox.auth_schemes[0]!;
    expect(oauth.scheme_name).toBe("OAUTH2");
    // What both SDKs ask the developer for before creating an integration: the OAuth client.
    expect(oauth.fields.filter((f) => !f.expected_from_customer).map((f) => f.name)).toEqual([
      "client_id",
      "client_secret",
    ]);
    const key = appLegacy(listApps(opts).find((a) => a.key === "sandbox_key")!);
    expect(key.auth_schemes[0]!.fields.map((f) => [f.name, f.expected_from_customer])).toEqual([
      ["api_key", true],
    ]);
  });
});
