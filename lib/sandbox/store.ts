import type { Adapter, AdapterPayload } from "oidc-provider";

// Per-sandbox in-memory storage for oidc-provider. The library's own memory adapter is a
// module-wide LRU capped at 1,000 entries (shared by every Provider in the process and able
// to evict live grants), and it cannot list an account's grants; this one can.

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
    const key = `${model}:${id}`;
    this.delete(key);
    const expiresAt = typeof expiresIn === "number" ? Date.now() + expiresIn * 1000 : Infinity;
    this.entries.set(key, { payload, expiresAt });
    if (GRANTABLE.has(model) && payload.grantId) {
      const members = this.grantMembers.get(payload.grantId) ?? new Set<string>();
      members.add(key);
      this.grantMembers.set(payload.grantId, members);
    }
    if (model === "Session" && payload.uid) this.sessionUids.set(payload.uid, id);
    if (payload.userCode) this.userCodes.set(payload.userCode, id);
    if (++this.writes % SWEEP_EVERY === 0) this.sweep();
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
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
    const payload = this.store.get(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
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
