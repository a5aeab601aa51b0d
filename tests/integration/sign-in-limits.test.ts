// Issue 11 item 3: operator sign-in is limited per client, before any password hash.
import { hash } from "@node-rs/argon2";
import { eq, like } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { operators, signInLimits } from "@/db/schema";
import type { Deps } from "@/lib/core/deps";
import { createOperator, verifySignIn } from "@/lib/core/operators";
import { expireAbandonedFlows } from "@/lib/core/sweeps";
import { openTestDb, testDeps, type TestDb } from "../support/db";

let handle: TestDb;
let deps: Deps;
let seq = 0;

beforeAll(async () => {
  handle = await openTestDb();
  deps = testDeps(handle);
});

afterAll(async () => {
  await handle?.close();
});

afterEach(() => {
  vi.restoreAllMocks();
});

const PASSWORD = "correct horse battery";
const nextClient = () => `198.51.100.${++seq}`;

async function newOperator() {
  return createOperator(deps, {
    email: `limit${++seq}@example.com`,
    name: "Op",
    password: PASSWORD,
  });
}

// An argon2 hash that takes far longer to check than anything else a sign-in does, so whether
// an attempt hashed shows plainly in its duration.
async function makeHashSlow(operatorId: string): Promise<void> {
  const slow = await hash(PASSWORD, {
    algorithm: 2,
    memoryCost: 19456,
    timeCost: 120,
    parallelism: 1,
  });
  await deps.db.update(operators).set({ passwordHash: slow }).where(eq(operators.id, operatorId));
}

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await run();
  return { result, ms: performance.now() - start };
}

describe("sign-in limits (issue 11 item 3)", () => {
  it("refuses a client over its limit for an email before hashing the password", async () => {
    const op = await newOperator();
    const client = nextClient();
    for (let i = 0; i < 5; i++) {
      await verifySignIn(deps, { email: op.email, password: `wrong ${i}`, client });
    }
    await makeHashSlow(op.id);
    const refused = await timed(() =>
      verifySignIn(deps, { email: op.email, password: PASSWORD, client }),
    );
    const checked = await timed(() =>
      verifySignIn(deps, { email: op.email, password: "wrong again", client: nextClient() }),
    );
    expect(refused.result).toMatchObject({ ok: false, reason: "locked" });
    expect(checked.result).toEqual({ ok: false, reason: "invalid" });
    expect(checked.ms).toBeGreaterThan(150);
    expect(refused.ms * 4).toBeLessThan(checked.ms);
  });

  it("caps one client's password checks whatever emails it tries, before hashing", async () => {
    const op = await newOperator();
    const client = nextClient();
    // One instant for every attempt: on a slow machine 20 hashes take long enough to refill a token.
    const t = Date.now();
    // 20 guesses at 20 different (unknown) emails: no single email is over its limit.
    for (let i = 0; i < 20; i++) {
      const r = await verifySignIn(
        deps,
        {
          email: `spray${i}-${seq}@example.com`,
          password: "guess",
          client,
        },
        t,
      );
      expect(r.ok).toBe(false);
    }
    await makeHashSlow(op.id);
    const refused = await timed(() =>
      verifySignIn(deps, { email: op.email, password: PASSWORD, client }, t),
    );
    const checked = await timed(() =>
      verifySignIn(deps, { email: op.email, password: "wrong", client: nextClient() }, t),
    );
    expect(refused.result).toMatchObject({ ok: false, reason: "locked" });
    expect(
      refused.result.ok === false &&
        refused.result.reason === "locked" &&
        refused.result.retryAfterSeconds,
    ).toBeLessThanOrEqual(3);
    expect(checked.result).toEqual({ ok: false, reason: "invalid" });
    expect(refused.ms * 4).toBeLessThan(checked.ms);
  });

  it("lets failures decay: a wait, then one more try each interval, and a full allowance later", async () => {
    const op = await newOperator();
    const client = nextClient();
    const t0 = Date.now();
    const at = (seconds: number, password: string) =>
      verifySignIn(deps, { email: op.email, password, client }, t0 + seconds * 1000);
    for (let i = 0; i < 4; i++)
      expect(await at(0, `wrong ${i}`)).toEqual({ ok: false, reason: "invalid" });
    expect(await at(0, "wrong 4")).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 30 });
    expect(await at(10, PASSWORD)).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 20 });
    // After 30 s one more guess is allowed, and it empties the bucket again.
    expect(await at(30, "wrong 5")).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 30 });
    expect(await at(60, PASSWORD)).toMatchObject({ ok: true, operator: { id: op.id } });
    // An hour later nothing is remembered: 4 plain failures again before any wait.
    for (let i = 0; i < 4; i++) {
      expect(await at(3600, `later ${i}`)).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("keeps the correct password working from another client while one client hammers the email", async () => {
    const op = await newOperator();
    const attacker = nextClient();
    const owner = nextClient();
    const attack = Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        verifySignIn(deps, { email: op.email, password: `attack ${i}`, client: attacker }),
      ),
    );
    const ownerTry = verifySignIn(deps, { email: op.email, password: PASSWORD, client: owner });
    const [attempts, signedIn] = await Promise.all([attack, ownerTry]);
    expect(signedIn).toMatchObject({ ok: true, operator: { id: op.id } });
    expect(
      attempts.filter((r) => r.ok === false && r.reason === "invalid").length,
    ).toBeLessThanOrEqual(4);
    // The owner can also mistype and still get in, while the attacker stays refused.
    expect(await verifySignIn(deps, { email: op.email, password: "typo", client: owner })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(
      (await verifySignIn(deps, { email: op.email, password: PASSWORD, client: owner })).ok,
    ).toBe(true);
    expect(
      await verifySignIn(deps, { email: op.email, password: PASSWORD, client: attacker }),
    ).toMatchObject({ ok: false, reason: "locked" });
  });

  it("counts an IPv6 client by its /64, so rotating the low bits buys no guesses", async () => {
    const op = await newOperator();
    const net = `2001:db8:${(++seq).toString(16)}:1`;
    for (let i = 1; i <= 5; i++) {
      await verifySignIn(deps, { email: op.email, password: "wrong", client: `${net}::${i}` });
    }
    expect(
      await verifySignIn(deps, { email: op.email, password: PASSWORD, client: `${net}:ffff::9` }),
    ).toMatchObject({ ok: false, reason: "locked" });
    expect(
      (
        await verifySignIn(deps, {
          email: op.email,
          password: PASSWORD,
          client: `${net.slice(0, -1)}2::1`,
        })
      ).ok,
    ).toBe(true);
  });

  it("the expire sweep deletes limits that have refilled and keeps those still counting", async () => {
    const op = await newOperator();
    const old = nextClient();
    const recent = nextClient();
    await verifySignIn(
      deps,
      { email: op.email, password: "wrong", client: old },
      Date.now() - 2 * 3600_000,
    );
    await verifySignIn(deps, { email: op.email, password: "wrong", client: recent });
    const keysOf = async (client: string) =>
      (
        await deps.db
          .select({ key: signInLimits.key })
          .from(signInLimits)
          .where(like(signInLimits.key, `%${client}%`))
      ).map((r) => r.key);
    expect(await keysOf(old)).toHaveLength(2);
    await expireAbandonedFlows(deps);
    expect(await keysOf(old)).toEqual([]);
    expect((await keysOf(recent)).sort()).toEqual([
      `client:${recent}`,
      `pair:${recent} ${op.email}`,
    ]);
  });

  it("logs each refused sign-in as one quiet line: no stack, no email, no password", async () => {
    const op = await newOperator();
    const client = nextClient();
    const lines: string[] = [];
    for (const level of ["log", "info", "warn", "error"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        lines.push(`${level}: ${args.map(String).join(" ")}`);
      });
    }
    const password = "my-secret-guess";
    await verifySignIn(deps, { email: op.email, password, client });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^log: /);
    const line = JSON.parse(lines[0]!.slice(5)) as Record<string, unknown>;
    expect(line).toEqual({
      level: "info",
      message: "operator sign-in refused",
      client,
      outcome: "invalid",
    });
    for (let i = 0; i < 5; i++) await verifySignIn(deps, { email: op.email, password, client });
    expect(lines).toHaveLength(6);
    expect(JSON.parse(lines[5]!.slice(5))).toMatchObject({
      outcome: "locked",
      retryAfterSeconds: 30,
    });
    for (const l of lines) {
      expect(l).not.toContain(password);
      expect(l).not.toContain(op.email);
      expect(l).not.toContain("stack");
      expect(l.split("\n")).toHaveLength(1);
    }
    lines.length = 0;
    await verifySignIn(deps, { email: op.email, password: PASSWORD, client: nextClient() });
    expect(lines).toEqual([]);
  });
});
