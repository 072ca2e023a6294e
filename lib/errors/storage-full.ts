/**
 * True when `error` is, or wraps, IndexedDB's `QuotaExceededError`: the disk (or the origin's quota) is full. Dexie
 * raises it as `Dexie.QuotaExceededError`, or wraps the browser's DOMException in `inner` (an aborted transaction,
 * an upgrade) or in a `BulkError`'s `failures`; other code keeps it as `cause`. Read by name, so that this layer does
 * not depend on Dexie: https://dexie.org/docs/DexieErrors/Dexie.QuotaExceededError and
 * https://developer.mozilla.org/en-US/docs/Web/API/Storage_API/Storage_quotas_and_eviction_criteria.
 */
export function isStorageFull(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  const { name, inner, cause, failures } = error as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (name === 'QuotaExceededError') return true;
  const wrapped = [inner, cause, ...(Array.isArray(failures) ? (failures as unknown[]) : [])];
  return wrapped.some((inside) => isStorageFull(inside, depth + 1));
}

/**
 * Below this much space left for the extension's origin, a write IndexedDB refused is taken for a full disk. Chromium
 * gives an origin with `unlimitedStorage` a quota of its usage plus the disk's free space, and on a full disk its
 * IndexedDB aborts the commit with `UnknownError` (a value large enough to be kept as a file: `DataError`), not
 * `QuotaExceededError` (measured in Debian's Chromium 2026-12 with its profile on a tmpfs filled to the last block).
 */
export const LOW_SPACE_BYTES = 16 * 1024 * 1024;

/** What the browser says the origin may still store (`navigator.storage.estimate()`, in pages and the worker). */
export type EstimateStorage = () => Promise<{ usage?: number; quota?: number }>;

const estimateHere: EstimateStorage = () => navigator.storage.estimate();

/**
 * Which storage failure a refused IndexedDB write is: `storage_full` when it says so or when the origin has almost
 * no space left, else `storage_failed`. Call only with an error from IndexedDB (Dexie's errors).
 */
export async function storageFailureCode(
  error: unknown,
  estimate: EstimateStorage = estimateHere,
): Promise<'storage_full' | 'storage_failed'> {
  if (isStorageFull(error)) return 'storage_full';
  try {
    const { usage, quota } = await estimate();
    if (usage !== undefined && quota !== undefined && quota - usage < LOW_SPACE_BYTES) return 'storage_full';
  } catch {
    // No estimate (an old browser, Node): the error's own name is all there is.
  }
  return 'storage_failed';
}
