import type { SyncCheckpoint, SyncResource, SyncScope } from '../db/types';

/**
 * Graph refuses identity delta links after 7 days (`syncStateNotFound`):
 * https://devblogs.microsoft.com/microsoft365dev/duration-of-change-tracking-tokens-for-identity-and-education-resources/
 * An older link goes straight to a full read instead of spending a request on the refusal.
 */
export const DELTA_LINK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** The order the collections are synced in: users first, so that a group's new members are usually mirrored. */
export const SYNC_RESOURCES: readonly SyncResource[] = ['users', 'groups'];

/** How one collection's sync starts. */
export type ResourceStep =
  /** A new full read: every object, the old mirror kept readable until the round ends and sweeps. */
  | { resource: SyncResource; mode: 'full' }
  /** Continue an interrupted round from its checkpointed nextLink. */
  | { resource: SyncResource; mode: 'resume'; roundKind: 'full' | 'incremental'; link: string }
  /** Apply what changed since the stored deltaLink. */
  | { resource: SyncResource; mode: 'incremental'; link: string };

export type SyncPlan = { kind: 'selected' } | { kind: 'full' | 'incremental'; steps: ResourceStep[] };

function stepFor(resource: SyncResource, checkpoint: SyncCheckpoint | undefined, now: number): ResourceStep {
  if (checkpoint?.nextLink && checkpoint.roundKind) {
    return { resource, mode: 'resume', roundKind: checkpoint.roundKind, link: checkpoint.nextLink };
  }
  const issuedAt = checkpoint?.deltaLinkAt ?? checkpoint?.updatedAt ?? 0;
  if (checkpoint?.deltaLink && now - issuedAt < DELTA_LINK_LIFETIME_MS) {
    return { resource, mode: 'incremental', link: checkpoint.deltaLink };
  }
  return { resource, mode: 'full' };
}

/** Decide what a sync run does, from the stored checkpoints, the tenant's scope and the time. Pure. */
export function planSync(checkpoints: Partial<Record<SyncResource, SyncCheckpoint>>, scope: SyncScope, now: number): SyncPlan {
  if (scope.mode === 'selected') return { kind: 'selected' };
  const steps = SYNC_RESOURCES.map((resource) => stepFor(resource, checkpoints[resource], now));
  const full = steps.some((step) => step.mode === 'full' || (step.mode === 'resume' && step.roundKind === 'full'));
  return { kind: full ? 'full' : 'incremental', steps };
}
