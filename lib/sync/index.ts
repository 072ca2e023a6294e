/**
 * The directory sync: a mirror of the tenant's users, groups and memberships in Dexie, the 7-day activity history
 * and Microsoft's service health.
 *
 * The algorithm. `planSync` (pure) reads the two checkpoints (users, groups) and the tenant's scope:
 * - selected scope: read the chosen users and groups and the chosen groups' user members through `$batch`
 *   (`$filter=id in (...)`, 15 ids a filter, 20 requests a batch), then make the mirror exactly that in one
 *   transaction (everything else of the tenant removed, no checkpoint kept: this mode has no deltaLink);
 * - otherwise, per collection: resume the round whose nextLink is checkpointed, or apply the changes since the
 *   deltaLink (younger than Graph's 7-day limit), or start a full read (`users/delta`, `groups/delta` with `$select`
 *   on the first request only and `Prefer: odata.maxpagesize`). Users first, then groups.
 *
 * One page, one transaction (commit.ts): the lease is proven and renewed, the page's changes are applied (only
 * records that differ are written, in bulk; `@removed` objects go with their memberships, a user's as one key range
 * of `memberOf`; `members@delta` adds and removes memberships), and the checkpoint (nextLink, or the deltaLink at the end) and the run's progress are written
 * with it. So a stop anywhere (between pages, inside one, a dead worker) resumes exactly from the last checkpoint:
 * nothing is applied twice and nothing is skipped. The next page is asked for while a page is written (and an
 * increment asks for both collections' first pages at once); an answer never read is simply dropped.
 *
 * Full reads keep the old mirror readable. Instead of stamping a generation on every record (which would rewrite
 * every unchanged record), each page of a full round over a non-empty mirror notes what it saw in `syncSeen`: a row
 * per object id and, per group, a row with the members the page listed (sweep.ts), keyed in the mirror's own order.
 * The round's last page, in its own transaction, walks the mirror and those rows side by side, a batch of keys at a
 * time (memory bounded whatever the tenant's size), and removes what the round did not see (objects, their
 * memberships, memberships no group listed), then stores the deltaLink: the new mirror replaces the old one at
 * once. A round into an empty mirror notes nothing: whatever it leaves, it wrote. An expired or refused position (410, or 400 `syncStateNotFound`) restarts the collection as such a full
 * read; objects deleted meanwhile are either reported `@removed` (removed at once) or simply not seen (swept).
 * A full round is Graph's picture as of its first page, so it is followed at once by one catch-up increment from its
 * deltaLink: what changed while it ran (or while it was paused) is applied by the same run.
 *
 * One sync per tenant at a time, and none beside a grant: the tenant's one lease (lib/lease, `leases`: holder, unique
 * token, expiry `LEASE_MS`), taken with the run record in one transaction (the grant's own sync joins the grant's),
 * renewed with each page, before each wait and on a timer while it waits for Graph; a stopped worker's lease expires,
 * and whoever takes it closes the orphaned run as `stopped`. A second caller meanwhile gets an unsaved `deferred`
 * run whose resumeAt is the lease's expiry.
 *
 * Faults (lib/graph/retry.ts, pure, the sync's budget): 429 waits for Retry-After (seconds or an HTTP date); 503/504 and dropped connections back
 * off exponentially (bounded); a wait over 25 s (the worker dies after 30 s idle) ends the run `deferred` with
 * resumeAt for an alarm. Links from Graph are checked against the tenant's Graph origin when parsed and again
 * before each request, so a foreign link fails the run with `graph_host_not_allowed` before any token is fetched.
 * A malformed page fails the run with `graph_malformed_page` before anything of it is applied.
 */
export { syncDirectory } from './sync-directory';
export { assertManualSyncAllowed, recordSyncOnConnectors } from './manual-sync';
export { backfillActivity } from './activity';
export { LEASE_MS } from '../lease/lease';
export type { SyncDeps, SyncProgress } from './types';
