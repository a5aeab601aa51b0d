// Ranked search across the whole action catalog (lib/actions/search.ts through listActions).
import { describe, expect, it } from "vitest";
import { listActions } from "@/lib/actions/registry";

describe("action search", () => {
  it("finds actions of every generated app and ranks name matches first", async () => {
    const page = await listActions({ search: "send message", limit: 5 });
    expect(page.items.map((a) => a.name)).toContain("SLACK_SEND_A_MESSAGE");
    for (const item of page.items) expect(item.name).toMatch(/SEND|MESSAGE/);
    const stripe = await listActions({ search: "create customer", limit: 1 });
    expect(stripe.items[0]?.name).toBe("STRIPE_CREATE_A_CUSTOMER");
  });

  it("pages the ranked list with true totals and no repeats", async () => {
    const first = await listActions({ search: "issue", limit: 7 });
    expect(first.total).toBeGreaterThan(14);
    const second = await listActions({ search: "issue", limit: 7, cursor: first.nextCursor! });
    expect(second).toMatchObject({ offset: 7, total: first.total, limit: 7 });
    const names = [...first.items, ...second.items].map((a) => a.name);
    expect(new Set(names).size).toBe(14);
  });

  it("keeps the match rule: every word must occur", async () => {
    const page = await listActions({ search: "zoom webinar registrant", limit: 50 });
    expect(page.total).toBeGreaterThan(0);
    for (const a of page.items) {
      const text = [a.name, a.displayName, a.description, ...a.tags].join(" ").toLowerCase();
      for (const word of ["zoom", "webinar", "registrant"]) expect(text).toContain(word);
    }
  });
});
