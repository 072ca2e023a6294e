import Dexie from 'dexie';
import type { AppDB } from '../db/app-db';
import type { ActivityEvent, TenantRecord } from '../db/types';
import { messageFor } from '../errors/codes';
import { graphTime, mapDirectoryAudit, mapSignIn } from './activity-map';
import { parseListPage } from './delta-page';
import { answerError, graphErrorCode, sendWithRetry } from './graph-request';
import type { ActivityBackfillResult, SyncDeps } from './types';
import { t } from '../i18n/t';

/** The console shows this many days of activity from before the connection. */
export const ACTIVITY_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
/** What Graph answers for sign-in logs in a tenant without Entra ID P1/P2. */
export const NON_PREMIUM_CODE = 'Authentication_RequestFromNonPremiumTenantOrB2CTenant';

interface ActivitySource {
  kind: ActivityEvent['kind'];
  path: string;
  /** The time property the `$filter` ranges over. */
  field: string;
  what: string;
  map(tenantId: string, raw: Record<string, unknown>): ActivityEvent | undefined;
}

const SOURCES: readonly ActivitySource[] = [
  {
    kind: 'directoryAudit',
    path: '/auditLogs/directoryAudits',
    field: 'activityDateTime',
    get what() {
      return t('sync_whatAuditLog');
    },
    map: mapDirectoryAudit,
  },
  {
    kind: 'signIn',
    path: '/auditLogs/signIns',
    field: 'createdDateTime',
    get what() {
      return t('sync_whatSignInLog');
    },
    map: mapSignIn,
  },
];

/** The first request of a source: everything at or after `from` (the newest stored event, or the window's start). */
export function activityUrl(source: Pick<ActivitySource, 'path' | 'field'>, from: number): string {
  return `${source.path}?$filter=${encodeURIComponent(`${source.field} ge ${graphTime(from)}`)}&$top=999`;
}

async function newestOf(db: AppDB, tenantId: string, kind: ActivityEvent['kind']): Promise<number | undefined> {
  const newest = await db.events
    .where('[tenantId+kind+occurredAt]')
    .between([tenantId, kind, Dexie.minKey], [tenantId, kind, Dexie.maxKey])
    .last();
  return newest?.occurredAt;
}

/** Store the events not stored yet (a later backfill starts at the newest event's second, so some come again). */
async function storeNew(db: AppDB, events: ActivityEvent[]): Promise<number> {
  if (!events.length) return 0;
  return db.transaction('rw', db.events, async () => {
    const stored = await db.events.bulkGet(events.map((event): [string, string] => [event.tenantId, event.id]));
    const fresh = events.filter((_, i) => stored[i] === undefined);
    await db.events.bulkPut(fresh);
    return fresh.length;
  });
}

/**
 * Fetch the directory audits and sign-ins of the last `days` days (only what is newer than the newest stored event
 * of each kind), page by page, and prune events older than the window. Sign-ins refused for want of Entra ID P1/P2
 * are a note, not a failure. Throws a GraphError (with retryAfterSeconds when throttled beyond the worker's patience).
 */
export async function backfillActivity(deps: SyncDeps, tenant: TenantRecord, days = ACTIVITY_DAYS): Promise<ActivityBackfillResult> {
  const { db } = deps;
  const { tenantId } = tenant;
  const since = deps.now() - days * DAY_MS;
  const result: ActivityBackfillResult = { added: 0, pruned: 0, signInsAvailable: true };
  for (const source of SOURCES) {
    let link = activityUrl(source, Math.max(since, (await newestOf(db, tenantId, source.kind)) ?? since));
    for (;;) {
      const answer = await sendWithRetry(deps, { url: link, what: source.what });
      if (source.kind === 'signIn' && answer.status === 403 && graphErrorCode(answer) === NON_PREMIUM_CODE) {
        result.signInsAvailable = false;
        result.note = messageFor('activity_signins_unavailable');
        break;
      }
      if (answer.status !== 200) throw answerError(answer, source.what);
      const page = parseListPage(answer.body, source.what, deps.graphHost);
      const events = page.value
        .map((raw) => source.map(tenantId, raw))
        .filter((event): event is ActivityEvent => event !== undefined && event.occurredAt >= since);
      result.added += await storeNew(db, events);
      if (page.nextLink === undefined) break;
      link = page.nextLink;
    }
  }
  result.pruned = await db.events.where('[tenantId+occurredAt]').between([tenantId, Dexie.minKey], [tenantId, since], true, false).delete();
  return result;
}
