// The agent path of @composio/core 0.19.0, unchanged: `tools.get` for every toolkit Keyport has
// tools for (the SDK validates each tool's schemas and refuses a whole list over one bad tool).
process.env.TELEMETRY_DISABLED = "true";
process.env.COMPOSIO_LOG_LEVEL ??= "warn";
process.env.COMPOSIO_LOGGING_LEVEL ??= "warn";
import { expect, test } from "@playwright/test";
import { keyHeaders } from "../support/e2e/api";
import { BASE_URL, BOOTSTRAP_KEY, freshUser } from "../support/e2e/compat";

const { Composio } = await import("@composio/core");

test("@composio/core – tools.get accepts every tool of every toolkit, GitHub's 1,200 included", async ({
  request,
}) => {
  test.setTimeout(180_000);
  const c = new Composio({
    apiKey: BOOTSTRAP_KEY,
    baseURL: BASE_URL,
    allowTracking: false,
    disableVersionCheck: true,
  });
  const toolkits = (
    (await (await request.get("/api/v3.1/toolkits", { headers: keyHeaders() })).json()) as {
      items: Array<{ slug: string; meta: { tools_count: number } }>;
    }
  ).items.filter((t) => t.meta.tools_count > 0);
  expect(toolkits.map((t) => t.slug)).toEqual(expect.arrayContaining(["github", "sandbox"]));
  const user = freshUser("tools_get");
  for (const toolkit of toolkits) {
    const tools = (await c.tools.get(user, {
      toolkits: [toolkit.slug],
      limit: toolkit.meta.tools_count,
    })) as Array<{ type: string; function: { name: string; parameters: { type: string } } }>;
    expect(tools.length, toolkit.slug).toBe(toolkit.meta.tools_count);
    expect(tools.every((t) => t.function.parameters.type === "object")).toBe(true);
  }

  const raw = await c.tools.getRawComposioToolBySlug(
    "GITHUB_LIST_REPOSITORIES_FOR_THE_AUTHENTICATED_USER",
  );
  expect(raw.outputParameters).toMatchObject({
    type: "object",
    properties: { items: { type: "array" } },
    required: ["items"],
  });
});
