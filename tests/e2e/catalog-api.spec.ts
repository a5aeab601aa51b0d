// The catalog through the v3.1 API as Composio's clients read it: true totals, tool counts,
// category names; and the API's edges: an empty x-api-key header, an unknown /api path.
import { expect, test } from "@playwright/test";
import { BOOTSTRAP_KEY } from "../support/e2e-env";
import { keyHeaders } from "../support/e2e/api";

interface ToolPage {
  items: Array<{ slug: string }>;
  next_cursor: string | null;
  total_items: number;
  total_pages: number;
  current_page: number;
}

test("GET /api/v3.1/tools counts every matching tool, whatever the page size", async ({
  request,
}) => {
  const get = async (query: string) => {
    const res = await request.get(`/api/v3.1/tools?toolkit_slug=github&${query}`, {
      headers: keyHeaders(),
    });
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()) as ToolPage;
  };
  const slugs: string[] = [];
  const pages: ToolPage[] = [];
  for (let cursor = ""; ;) {
    const page = await get(`limit=1000${cursor ? `&cursor=${cursor}` : ""}`);
    pages.push(page);
    slugs.push(...page.items.map((t) => t.slug));
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  expect(slugs.length).toBeGreaterThan(1000);
  expect(pages.map((p) => [p.total_items, p.total_pages, p.current_page])).toEqual([
    [slugs.length, 2, 1],
    [slugs.length, 2, 2],
  ]);

  const first = await get("limit=1");
  expect(first).toMatchObject({ total_items: slugs.length, total_pages: slugs.length });
  expect(first.current_page).toBe(1);
  const second = await get(`limit=1&cursor=${first.next_cursor}`);
  expect(second).toMatchObject({ total_items: slugs.length, current_page: 2 });
  expect(second.items[0]!.slug).toBe(slugs[1]);
});

test("GET /api/v3.1/toolkits reports each toolkit's tool count and readable category names", async ({
  request,
}) => {
  const res = await request.get("/api/v3.1/toolkits", { headers: keyHeaders() });
  const items = (
    (await res.json()) as {
      items: Array<{
        slug: string;
        meta: { tools_count: number; categories: Array<{ slug: string; name: string }> };
      }>;
    }
  ).items;
  const bySlug = new Map(items.map((t) => [t.slug, t]));
  const githubTools = (await (
    await request.get("/api/v3.1/tools?toolkit_slug=github&limit=1", { headers: keyHeaders() })
  ).json()) as ToolPage;
  expect(bySlug.get("github")!.meta.tools_count).toBe(githubTools.total_items);
  expect(bySlug.get("sandbox")!.meta.tools_count).toBe(4);
  expect(bySlug.get("salesforce")!.meta.tools_count).toBe(0);
  const names = new Map(items.flatMap((t) => t.meta.categories).map((c) => [c.slug, c.name]));
  expect(names.get("crm")).toBe("CRM");
  expect(names.get("ai")).toBe("AI");
  expect(names.get("developer-tools")).toBe("Developer tools");

  const one = await request.get("/api/v3.1/toolkits/github", { headers: keyHeaders() });
  expect(((await one.json()) as { meta: { tools_count: number } }).meta.tools_count).toBe(
    githubTools.total_items,
  );
});

test("an empty x-api-key header next to a valid Bearer key counts as absent", async ({
  request,
}) => {
  const res = await request.get("/api/v3.1/toolkits", {
    headers: { "x-api-key": "", authorization: `Bearer ${BOOTSTRAP_KEY}` },
  });
  expect(res.status(), await res.text()).toBe(200);
});

test("an unknown /api path answers the JSON error shape with 404", async ({ request }) => {
  for (const method of ["GET", "POST", "DELETE"]) {
    const res = await request.fetch("/api/v3.1/no_such_route/x", {
      method,
      headers: keyHeaders(),
    });
    expect(res.status(), method).toBe(404);
    expect(res.headers()["content-type"]).toContain("application/json");
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: "not_found" });
    expect(body.error.message).toContain("/api/v3.1/no_such_route/x");
  }
});
