// IndexedDB on a full disk, for fake-indexeddb: from a chosen write on, every transaction that puts or adds a record
// is aborted with a QuotaExceededError when it would commit, as Chromium does: its requests succeed, then the commit
// finds the origin's quota (with unlimitedStorage: the free disk) used up and undoes the whole transaction. Deletes
// need no space and go through. Nothing of Dexie is mocked.

interface FakeTransaction {
  _state: string;
  _requests: Array<{ request: { readyState: string } }>;
  _abort(errorName: string | null): void;
  _start(): void;
}
type Write = (this: IDBObjectStore, ...args: unknown[]) => IDBRequest;
type Method = 'put' | 'add' | 'delete';

export interface FullDisk {
  /** Writes (puts and adds) seen since the disk was filled. */
  readonly writes: number;
  /** Writes whose transaction is refused. */
  readonly refused: number;
  /** Space is back: writes go through again. */
  free(): void;
}

/**
 * Fill the disk after `after` more writes (0: at once), in the object stores named (every store when none given).
 * Call `free()` when done (an afterEach, or once the test has seen the failure).
 */
export function fillDisk(
  options: {
    after?: number;
    stores?: readonly string[];
    deletes?: boolean;
    /** The error the refused commit ends on: Chromium's own on a full disk is `UnknownError`, or `AbortError`. */
    errorName?: string;
  } = {},
): FullDisk {
  const stores = globalThis.IDBObjectStore.prototype as unknown as Record<Method, Write>;
  const transactions = globalThis.IDBTransaction.prototype as unknown as FakeTransaction;
  const original = { put: stores.put, add: stores.add, delete: stores.delete, start: transactions._start };
  const state = { writes: 0, refused: 0 };
  const full = new WeakSet<object>();
  // `deletes`: as Chromium's LevelDB store does, a delete needs space too (it appends a tombstone to the log).
  for (const method of options.deletes ? (['put', 'add', 'delete'] as const) : (['put', 'add'] as const)) {
    stores[method] = function (this: IDBObjectStore, ...args: unknown[]): IDBRequest {
      if (!options.stores || options.stores.includes(this.name)) {
        state.writes++;
        if (state.writes > (options.after ?? 0)) {
          state.refused++;
          full.add(this.transaction);
        }
      }
      return original[method].apply(this, args);
    };
  }
  transactions._start = function (this: FakeTransaction): void {
    const committing = this._state !== 'finished' && this._requests.every(({ request }) => request.readyState === 'done');
    if (committing && full.has(this)) {
      full.delete(this);
      this._abort(options.errorName ?? 'QuotaExceededError');
      return;
    }
    original.start.call(this);
  };
  return {
    get writes() {
      return state.writes;
    },
    get refused() {
      return state.refused;
    },
    free() {
      stores.put = original.put;
      stores.add = original.add;
      stores.delete = original.delete;
      transactions._start = original.start;
    },
  };
}
