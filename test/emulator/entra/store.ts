// Storage for one org's oidc-provider (its own instance: the library's memory adapter shares one module-level store
// between providers). Expired entries are kept so that a spent refresh token can be told apart from an unknown one
// (AADSTS700084 vs. a malformed grant); consumption is a no-op because Entra does not invalidate a rotated SPA refresh
// token on use, and oidc-provider would otherwise revoke the whole grant on an innocent replay.

export type Payload = Record<string, unknown> & {
  accountId?: string;
  grantId?: string;
  uid?: string;
  exp?: number;
  iat?: number;
};

interface Entry {
  payload: Payload;
  /** Epoch ms when this entry was first stored: the issue time used by revocation checks. */
  storedAt: number;
}

export class OidcStore {
  private readonly models = new Map<string, Map<string, Entry>>();
  private readonly sessionsByUid = new Map<string, string>();

  /** `now`: the tenant's clock (issue times for revocation checks). */
  constructor(readonly now: () => number = Date.now) {}

  table(model: string): Map<string, Entry> {
    let table = this.models.get(model);
    if (!table) this.models.set(model, (table = new Map<string, Entry>()));
    return table;
  }

  get(model: string, id: string): Entry | undefined {
    return this.table(model).get(id);
  }

  clear(): void {
    this.models.clear();
    this.sessionsByUid.clear();
  }

  /** Removes every entry of `model` whose payload matches. */
  removeWhere(model: string, match: (payload: Payload) => boolean): number {
    const table = this.table(model);
    let removed = 0;
    for (const [id, entry] of table) {
      if (match(entry.payload)) {
        table.delete(id);
        removed++;
      }
    }
    return removed;
  }

  /** The adapter factory given to oidc-provider's `adapter` option. */
  adapterFactory(): (model: string) => Adapter {
    return (model: string) => new Adapter(this, model, this.sessionsByUid);
  }
}

class Adapter {
  constructor(
    private readonly store: OidcStore,
    private readonly model: string,
    private readonly sessionsByUid: Map<string, string>,
  ) {}

  upsert(id: string, payload: Payload): Promise<void> {
    const table = this.store.table(this.model);
    const previous = table.get(id);
    table.set(id, { payload, storedAt: previous?.storedAt ?? this.store.now() });
    if (this.model === 'Session' && typeof payload.uid === 'string') this.sessionsByUid.set(payload.uid, id);
    return Promise.resolve();
  }

  find(id: string): Promise<Payload | undefined> {
    return Promise.resolve(this.store.table(this.model).get(id)?.payload);
  }

  findByUid(uid: string): Promise<Payload | undefined> {
    const id = this.sessionsByUid.get(uid);
    return Promise.resolve(id === undefined ? undefined : this.store.table(this.model).get(id)?.payload);
  }

  findByUserCode(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  consume(id: string): Promise<void> {
    // Authorization codes are single-use (AADSTS54005); refresh tokens stay valid until they expire, as in Entra.
    const entry = this.store.table(this.model).get(id);
    if (entry && this.model !== 'RefreshToken') entry.payload.consumed = Math.floor(this.store.now() / 1000);
    return Promise.resolve();
  }

  destroy(id: string): Promise<void> {
    this.store.table(this.model).delete(id);
    return Promise.resolve();
  }

  revokeByGrantId(grantId: string): Promise<void> {
    this.store.removeWhere(this.model, (payload) => payload.grantId === grantId);
    return Promise.resolve();
  }
}
