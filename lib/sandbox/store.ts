import fs from "node:fs";
import path from "node:path";
import type { Adapter, AdapterPayload } from "oidc-provider";

// Per-sandbox storage for oidc-provider. The library's own memory adapter is a module-wide LRU
// capped at 1,000 entries (shared by every Provider in the process and able to evict live
// grants), and it cannot list an account's grants; this one can. With a file (development), it
// is also written there after each change and read back at start, so grants, tokens and
// sessions survive a restart of `npm run dev`.

interface Entry {
  payload: AdapterPayload;
  expiresAt: number; // epoch ms, Infinity = no expiry
}

const GRANTABLE = new Set([
  "AccessToken",
  "AuthorizationCode",
  "RefreshToken",
  "DeviceCode",
  "BackchannelAuthenticationRequest",
]);
const SWEEP_EVERY = 500;

export class SandboxStore {
  private readonly entries = new Map<string, Entry>();
  private readonly grantMembers = new Map<string, Set<string>>(); // grantId → entry keys
  private readonly sessionUids = new Map<string, string>(); // uid → session id
  private readonly userCodes = new Map<string, string>();
  private writes = 0;
  private saving = false;

  /** `file`: keep the entries in this JSON file (read now, rewritten after changes). */
  constructor(private readonly file?: string) {
    if (file) this.load(file);
  }

  /** Adapter factory handed to oidc-provider's `adapter` setting. */
  adapterFor = (model: string): Adapter => new StoreAdapter(this, model);

  /** The ids of every live grant issued to an account. */
  grantIdsForAccount(accountId: string): string[] {
    const ids: string[] = [];
    for (const [key, entry] of this.entries) {
      if (key.startsWith("Grant:") && entry.payload.accountId === accountId) {
        if (this.isLive(entry)) ids.push(key.slice("Grant:".length));
      }
    }
    return ids;
  }

  /** Deletes a grant and every token and code issued under it. */
  revokeGrant(grantId: string): void {
    for (const key of this.grantMembers.get(grantId) ?? []) this.delete(key);
    this.grantMembers.delete(grantId);
    this.delete(`Grant:${grantId}`);
  }

  /** Deletes every entry of one model issued under a grant (Adapter#revokeByGrantId). */
  revokeModelByGrant(model: string, grantId: string): void {
    const members = this.grantMembers.get(grantId);
    if (!members) return;
    for (const key of [...members]) {
      if (key.startsWith(`${model}:`)) this.delete(key);
    }
  }

  get(key: string): AdapterPayload | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (!this.isLive(entry)) {
      this.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  set(model: string, id: string, payload: AdapterPayload, expiresIn?: number): void {
    const expiresAt = typeof expiresIn === "number" ? Date.now() + expiresIn * 1000 : Infinity;
    this.put(`${model}:${id}`, payload, expiresAt);
    if (++this.writes % SWEEP_EVERY === 0) this.sweep();
    this.changed();
  }

  /** Marks a code or token used (oidc-provider's consume). */
  consume(key: string): void {
    const payload = this.get(key);
    if (!payload) return;
    payload.consumed = Math.floor(Date.now() / 1000);
    this.changed();
  }

  private put(key: string, payload: AdapterPayload, expiresAt: number): void {
    const model = key.slice(0, key.indexOf(":"));
    const id = key.slice(key.indexOf(":") + 1);
    this.delete(key);
    this.entries.set(key, { payload, expiresAt });
    if (GRANTABLE.has(model) && payload.grantId) {
      const members = this.grantMembers.get(payload.grantId) ?? new Set<string>();
      members.add(key);
      this.grantMembers.set(payload.grantId, members);
    }
    if (model === "Session" && payload.uid) this.sessionUids.set(payload.uid, id);
    if (payload.userCode) this.userCodes.set(payload.userCode, id);
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.changed();
    const { grantId, uid, userCode } = entry.payload;
    if (grantId) {
      const members = this.grantMembers.get(grantId);
      members?.delete(key);
      if (members?.size === 0) this.grantMembers.delete(grantId);
    }
    const id = key.slice(key.indexOf(":") + 1);
    if (key.startsWith("Session:") && uid && this.sessionUids.get(uid) === id) {
      this.sessionUids.delete(uid);
    }
    if (userCode && this.userCodes.get(userCode) === id) this.userCodes.delete(userCode);
  }

  sessionIdByUid(uid: string): string | undefined {
    return this.sessionUids.get(uid);
  }

  idByUserCode(userCode: string): string | undefined {
    return this.userCodes.get(userCode);
  }

  /** Write the file now if anything changed since the last write (at close). */
  flush(): void {
    if (this.saving) this.save();
  }

  // One write per burst of changes: the rest of this turn of the event loop joins it.
  private changed(): void {
    if (!this.file || this.saving) return;
    this.saving = true;
    setImmediate(() => this.save());
  }

  private save(): void {
    if (!this.saving || !this.file) return;
    this.saving = false;
    const live = [...this.entries].filter(([, e]) => this.isLive(e));
    const data = live.map(([key, e]) => [
      key,
      e.payload,
      e.expiresAt === Infinity ? null : e.expiresAt,
    ]);
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      // Written aside and renamed, so a crash mid-write leaves the previous file whole.
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify({ version: 1, entries: data }), { mode: 0o600 });
      fs.renameSync(tmp, this.file);
    } catch (err) {
      console.error(
        `sandbox: could not save its store to ${this.file}:`,
        err instanceof Error ? err.message : err,
      );
    }
  }

  private load(file: string): void {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      return; // no file yet: a first start
    }
    try {
      const data = JSON.parse(text) as {
        entries?: Array<[string, AdapterPayload, number | null]>;
      };
      const now = Date.now();
      for (const [key, payload, expiresAt] of data.entries ?? []) {
        if (expiresAt === null || expiresAt > now) this.put(key, payload, expiresAt ?? Infinity);
      }
    } catch (err) {
      // A damaged file only costs the old grants: start empty rather than not at all.
      console.error(
        `sandbox: ignoring its unreadable store ${file}:`,
        err instanceof Error ? err.message : err,
      );
    }
  }

  private isLive(entry: Entry): boolean {
    return entry.expiresAt > Date.now();
  }

  private sweep(): void {
    for (const [key, entry] of this.entries) {
      if (!this.isLive(entry)) this.delete(key);
    }
  }
}

class StoreAdapter implements Adapter {
  constructor(
    private readonly store: SandboxStore,
    private readonly model: string,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    this.store.set(this.model, id, payload, expiresIn);
    return Promise.resolve();
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    return Promise.resolve(this.store.get(this.key(id)));
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const id = this.store.sessionIdByUid(uid);
    return this.find(id ?? "");
  }

  findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const id = this.store.idByUserCode(userCode);
    return this.find(id ?? "");
  }

  consume(id: string): Promise<void> {
    this.store.consume(this.key(id));
    return Promise.resolve();
  }

  destroy(id: string): Promise<void> {
    this.store.delete(this.key(id));
    return Promise.resolve();
  }

  revokeByGrantId(grantId: string): Promise<void> {
    this.store.revokeModelByGrant(this.model, grantId);
    return Promise.resolve();
  }
}
