import type { IndexableType } from 'dexie';
import type { KeyRange, ReadRecords, ReadStore, RecordReader } from './record-reader';

/**
 * The database opened by IndexedDB itself, as it is: only when it exists at Dexie's `version` (IndexedDB's version is
 * ten times Dexie's: Dexie's open asks for `Math.round(verno * 10)`). Undefined when it does not exist yet (the open
 * is aborted before IndexedDB creates it, so Dexie still creates it from the first version), is at another version
 * (an upgrade is Dexie's to run, with its upgrade notice) or cannot be opened; the caller then reads through Dexie.
 * The connection closes itself when another asks for a new version, so it never holds an upgrade up.
 */
export function openAsIs(name: string, version: number): Promise<IDBDatabase | undefined> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(name);
    } catch {
      return resolve(undefined);
    }
    // Asked without a version, IndexedDB upgrades only a database that does not exist (and is never blocked): leave
    // the creation to Dexie.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = (event) => {
      event.preventDefault();
      resolve(undefined);
    };
    request.onsuccess = () => {
      const db = request.result;
      if (db.version !== Math.round(version * 10)) {
        db.close();
        return resolve(undefined);
      }
      db.onversionchange = () => db.close();
      resolve(db);
    };
  });
}

/**
 * `read` in one read-only transaction of `db` over `stores`. `read` must ask its next reads as each answer comes (in
 * the answer's callback or a promise continuation of it), as Dexie's transactions require too: IndexedDB commits a
 * transaction as soon as no request is pending at the end of a task.
 */
export function readAsIs<T>(db: IDBDatabase, stores: readonly ReadStore[], read: (reader: RecordReader) => Promise<T>): Promise<T> {
  return read(idbReader(db.transaction([...stores], 'readonly')));
}

function ask<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

const key = (value: IndexableType | IndexableType[]) => value as IDBValidKey;
const between = ([lower, upper]: KeyRange) => IDBKeyRange.bound(key(lower), key(upper), false, true);

/** The reads of record-reader.ts over one IndexedDB transaction. */
function idbReader(tx: IDBTransaction): RecordReader {
  const store = (name: ReadStore) => tx.objectStore(name);
  // Dexie's name for the primary key, which IndexedDB reads from the store itself.
  const source = (name: ReadStore, index: string) => (index === ':id' ? store(name) : store(name).index(index));
  return {
    all: <S extends ReadStore>(name: S) => ask(store(name).getAll()) as Promise<Array<ReadRecords[S]>>,
    get: <S extends ReadStore>(name: S, value: IndexableType) => ask(store(name).get(key(value))) as Promise<ReadRecords[S] | undefined>,
    getMany: <S extends ReadStore>(name: S, values: IndexableType[]) =>
      Promise.all(values.map((value) => ask(store(name).get(key(value))))) as Promise<Array<ReadRecords[S] | undefined>>,
    allOf: <S extends ReadStore>(name: S, index: string, value: IndexableType) =>
      ask(source(name, index).getAll(key(value))) as Promise<Array<ReadRecords[S]>>,
    last: <S extends ReadStore>(name: S, index: string, range: KeyRange, where?: (record: ReadRecords[S]) => boolean) =>
      new Promise<ReadRecords[S] | undefined>((resolve, reject) => {
        const request = source(name, index).openCursor(between(range), 'prev');
        request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
        request.onsuccess = () => {
          const cursor = request.result;
          if (!cursor) return resolve(undefined);
          const record = cursor.value as ReadRecords[S];
          if (!where || where(record)) resolve(record);
          else cursor.continue();
        };
      }),
    count: (name, index, range) => ask(source(name, index).count(between(range))),
  };
}
