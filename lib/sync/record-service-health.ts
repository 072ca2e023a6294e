import type { Client } from '@microsoft/microsoft-graph-client';
import { logActivity } from '../activity/log';
import type { AppDB } from '../db/app-db';
import type { ConnectorServiceHealth, ServiceId, SyncRun } from '../db/types';
import { type ErrorData, toErrorData } from '../errors/app-error';
import { readServiceHealth } from './service-health';
import type { ServiceHealthSummary } from './types';
import { brief } from '../i18n/phrase';

/** The worker's wait between attempts (a Retry-After of a few seconds); tests pass their own. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One read of Microsoft's service health: the summary, or why there is none. */
export type HealthRead = { ok: true; summary: ServiceHealthSummary; at: number } | { ok: false; error: ErrorData; at: number };

/**
 * Read Microsoft's service health without ever throwing: health is a side fact of a sync or a grant, so a failed
 * read (a lost ServiceHealth.Read.All, a throttled Graph) is returned as data and must not fail what asked for it.
 */
export async function tryReadServiceHealth(
  graph: Client,
  now: () => number,
  sleep: (ms: number) => Promise<void> = pause,
): Promise<HealthRead> {
  try {
    const summary = await readServiceHealth({ graph, now, sleep });
    return { ok: true, summary, at: now() };
  } catch (error) {
    return { ok: false, error: toErrorData(error), at: now() };
  }
}

/** The health to keep on one connector after a read; undefined when the read failed (keep what it had). Pure. */
export function connectorHealth(read: HealthRead, service: ServiceId): ConnectorServiceHealth | undefined {
  if (!read.ok) return undefined;
  const entry = read.summary.services.find((s) => s.service === service);
  if (!entry) return undefined;
  return { state: entry.state, ...(entry.status !== undefined && { status: entry.status }), checkedAt: read.at };
}

/** The note for a failed read, as an error to word (the reason's first sentence goes into its message). Pure. */
export function healthReadNote(error: ErrorData): ErrorData {
  return { code: 'service_health_unread', params: [brief(error)] };
}

/**
 * Keep a read on every connector of the tenant. A failed read changes no connector (each keeps its last known
 * health, whose `checkedAt` then shows its age) and is noted in the activity log.
 */
export async function recordServiceHealth(db: AppDB, tenantId: string, read: HealthRead, actor: string): Promise<void> {
  if (!read.ok) {
    await logActivity(db, {
      at: read.at,
      tenantId,
      actor,
      event: 'service_health',
      detail: healthReadNote(read.error),
      outcome: 'failure',
    });
    return;
  }
  await db.connectors
    .where('tenantId')
    .equals(tenantId)
    .modify((connector) => {
      const health = connectorHealth(read, connector.service);
      if (health) connector.serviceHealth = health;
    });
}

/**
 * After a directory sync run ends: read the health and keep it on the tenant's connectors. A deferred run reads
 * nothing (Graph is throttling us, or another run holds the tenant and reads it when it ends). Never throws on a
 * failed read.
 */
export async function recordHealthAfterSync(
  db: AppDB,
  run: Pick<SyncRun, 'tenantId' | 'outcome'>,
  graph: Client,
  now: () => number,
  actor: string,
  sleep?: (ms: number) => Promise<void>,
): Promise<HealthRead | undefined> {
  if (run.outcome === 'deferred' || run.outcome === 'running') return undefined;
  const read = await tryReadServiceHealth(graph, now, sleep);
  await recordServiceHealth(db, run.tenantId, read, actor);
  return read;
}
