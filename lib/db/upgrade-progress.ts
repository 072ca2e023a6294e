/**
 * Called after each batch of a long upgrade step (schema 4 copies every membership, schema 14 rewrites every mirrored
 * record) with the records it covered. The worker sets it (lib/worker/start-worker.ts): an MV3 worker that makes no
 * extension API call for 30 s is stopped, and its upgrade with it (it would start over on the next wake, and never
 * end on a large mirror); and the pages, which wait for the database meanwhile, say what it is doing. Must not wait on
 * anything: it runs inside the upgrade.
 */
let onBatch: (records: number) => void = () => undefined;

export function onUpgradeBatch(callback: (records: number) => void): void {
  onBatch = callback;
}

export function upgradeBatchDone(records: number): void {
  onBatch(records);
}
