/**
 * Called after each batch of a long upgrade step (schema 4 copies every membership). The worker sets it to an
 * extension API call: an MV3 worker that makes none for 30 s is stopped, and its upgrade with it (it would start over
 * on the next wake, and never end on a large mirror). Must not wait on anything: it runs inside the upgrade.
 */
let onBatch: () => void = () => undefined;

export function onUpgradeBatch(callback: () => void): void {
  onBatch = callback;
}

export function upgradeBatchDone(): void {
  onBatch();
}
