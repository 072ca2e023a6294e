import { logActivity } from '../activity/log';
import type { AppDB } from '../db/app-db';
import type { ConnectorServiceHealth, ServiceId, SyncRun } from '../db/types';
import type { ErrorData } from '../errors/app-error';
import type { GraphTransport } from '../graph/transport';
import { type HealthRead, tryReadServiceHealth } from './read';
import { brief } from '../errors/phrase';
import { recordServiceHealth as keepHealthOnConnectors } from '../store/connectors';

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
  await keepHealthOnConnectors(db, tenantId, (service) => connectorHealth(read, service));
}

/**
 * After a directory sync run ends: read the health and keep it on the tenant's connectors. A deferred run reads
 * nothing (Graph is throttling us, or another run holds the tenant and reads it when it ends). Never throws on a
 * failed read.
 */
export async function recordHealthAfterSync(
  db: AppDB,
  run: Pick<SyncRun, 'tenantId' | 'outcome'>,
  transport: GraphTransport,
  actor: string,
): Promise<HealthRead | undefined> {
  if (run.outcome === 'deferred' || run.outcome === 'running') return undefined;
  const read = await tryReadServiceHealth(transport, 'sync');
  await recordServiceHealth(db, run.tenantId, read, actor);
  return read;
}
