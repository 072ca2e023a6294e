import { SERVICE_LABELS } from '../connectors/services';
import type { AppDB } from '../db/app-db';
import type { GrantStepId, ServiceId, SyncRun, TenantRecord } from '../db/types';
import type { ErrorCode } from '../errors/codes';
import type { FailureIds } from '../errors/failure-ids';
import { type CodedError, type Phrase, phrase } from '../errors/phrase';
import type { MessageKey } from '../i18n/t';
import type { GrantRun } from '../provisioning/types';
import { syncRunReason } from '../sync/run-reason';
import { evaluateTenant, STATE_MESSAGE_KEYS } from './evaluate';
import { factsOf } from './run-checks';
import type { ConnectorStatus, MonitorSettings, TenantCheck } from './types';

/**
 * The support report: what an admin hands Microsoft support when a connector fails for a reason only Microsoft can
 * look up. Per tenant: its id, cloud and app registration, each connector's state, and its last failures, each with
 * its time and the ids Microsoft's logs are searched by (failure-ids.ts). Never a token, a user's name, mail or UPN:
 * the records it reads hold no token, and it leaves out what could hold a name (the service account, the grant's
 * account, the parameters of an error's words); a last pass removes anything shaped like a token or a mail.
 */

/** How many failures per tenant, newest first: enough for a ticket, short enough to read. */
export const REPORT_FAILURES = 10;

/** Where a failure happened, as the report names it. */
export type FailureSource =
  { kind: 'token' } | { kind: 'graph' } | { kind: 'probe'; service: ServiceId } | { kind: 'sync' } | { kind: 'grant'; step: GrantStepId };

export interface ReportFailure {
  at: number;
  source: FailureSource;
  code: ErrorCode;
  ids?: FailureIds;
}

export interface ReportTenant {
  tenant: Pick<TenantRecord, 'tenantId' | 'displayName' | 'domain' | 'cloud' | 'clientId'>;
  statuses: ReadonlyArray<Pick<ConnectorStatus, 'service' | 'state' | 'reasonCode'>>;
  failures: readonly ReportFailure[];
}

export interface ReportContext {
  now: number;
  extensionVersion: string;
  /** The browser as it names itself (its user agent): no user in it. */
  browser: string;
}

/** How the report is worded: the page passes `say`/`sayError` (lib/errors/phrase.ts), in the language of the moment. */
export interface ReportWords {
  say(words: Phrase): string;
  sayError(error: CodedError): string;
}

/** Microsoft's own names of the ids, as support asks for them (failure-ids.ts): data, never translated. */
const ID_LABELS: ReadonlyArray<[keyof FailureIds, string]> = [
  ['aadsts', 'AADSTS'],
  ['traceId', 'trace_id'],
  ['correlationId', 'correlation_id'],
  ['requestId', 'request-id'],
  ['clientRequestId', 'client-request-id'],
  ['diagnostic', 'x-ms-ags-diagnostic'],
  ['timestamp', 'timestamp'],
];

/** A JWT (an access or id token), a long opaque token, a mail address or UPN: never in the report. */
export const SECRET_PATTERNS: readonly RegExp[] = [
  /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g,
  /\b[01]\.A[\w-]{40,}/g,
  /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[a-z]{2,}/gi,
];

/** The report's text. Pure: the records' facts, the context and the words in, text out. */
export function buildSupportReport(tenants: readonly ReportTenant[], context: ReportContext, words: ReportWords): string {
  const line = (key: MessageKey, ...params: Array<string | number | Phrase>) => words.say(phrase(key, ...params));
  const lines = [
    line('supportReport_title'),
    line('supportReport_created', iso(context.now)),
    line('supportReport_version', context.extensionVersion),
    line('supportReport_browser', context.browser),
  ];
  for (const { tenant, statuses, failures } of tenants) {
    lines.push('', line('supportReport_tenant', tenant.displayName, tenant.tenantId));
    lines.push(`  ${line('supportReport_domain', tenant.domain)}`);
    lines.push(`  ${line('supportReport_cloud', tenant.cloud)}`);
    lines.push(`  ${line('supportReport_clientId', tenant.clientId)}`);
    lines.push(`  ${line('supportReport_connectors')}`);
    if (!statuses.length) lines.push(`    ${line('supportReport_noConnectors')}`);
    for (const status of statuses) {
      const state = line(STATE_MESSAGE_KEYS[status.state]);
      const code = status.reasonCode ? ` (${status.reasonCode})` : '';
      lines.push(`    - ${line('supportReport_connector', phrase(SERVICE_LABELS[status.service]), state)}${code}`);
    }
    lines.push(`  ${line('supportReport_failures')}`);
    if (!failures.length) lines.push(`    ${line('supportReport_noFailures')}`);
    for (const failure of failures) {
      // The error's words without their parameters: a parameter may name a person or an object of the directory.
      const what = words.sayError({ code: failure.code });
      lines.push(`    - ${iso(failure.at)} · ${words.say(sourcePhrase(failure.source))} · ${failure.code}: ${what}`);
      const ids = ID_LABELS.filter(([field]) => failure.ids?.[field] !== undefined);
      if (!ids.length) lines.push(`      ${line('supportReport_noIds')}`);
      for (const [field, label] of ids) {
        const value = failure.ids?.[field] ?? '';
        lines.push(`      ${label}: ${field === 'aadsts' ? `AADSTS${value}` : value}`);
      }
    }
  }
  return scrub(`${lines.join('\n')}\n`);
}

/** Anything shaped like a token or a mail, replaced: the last guard, whatever a record or a word held. */
export function scrub(text: string): string {
  return SECRET_PATTERNS.reduce((result, pattern) => result.replace(pattern, '[…]'), text);
}

function sourcePhrase(source: FailureSource): Phrase {
  switch (source.kind) {
    case 'token':
      return phrase('supportReport_sourceToken');
    case 'graph':
      return phrase('supportReport_sourceGraph');
    case 'probe':
      return phrase('supportReport_sourceProbe', phrase(SERVICE_LABELS[source.service]));
    case 'sync':
      return phrase('supportReport_sourceSync');
    case 'grant':
      return phrase('supportReport_sourceGrant', source.step);
  }
}

function iso(at: number): string {
  return new Date(at).toISOString();
}

/** A check's failures: its token request, its Graph request as a whole, each probe that did not answer. */
export function checkFailures(check: TenantCheck): ReportFailure[] {
  const found: ReportFailure[] = [];
  const at = check.at;
  if (check.token && !check.token.ok) {
    found.push({ at, source: { kind: 'token' }, code: check.token.code, ...(check.token.ids && { ids: check.token.ids }) });
  }
  const graph = check.graph;
  if (graph?.failure)
    found.push({ at, source: { kind: 'graph' }, code: graph.failure, ...(graph.failureIds && { ids: graph.failureIds }) });
  for (const [service, result] of Object.entries(graph?.probes ?? {}) as Array<[ServiceId, string]>) {
    if (result === 'ok') continue;
    const ids = graph?.probeIds?.[service];
    const code: ErrorCode = result === 'forbidden' ? 'graph_forbidden' : 'graph_unavailable';
    found.push({ at, source: { kind: 'probe', service }, code, ...(ids && { ids }) });
  }
  return found;
}

/** A sync run's failure: a run that failed or was deferred, with its reason's code and ids. */
export function syncFailure(run: SyncRun): ReportFailure | undefined {
  const reason = syncRunReason(run);
  if ((run.outcome !== 'failed' && run.outcome !== 'deferred') || !reason) return undefined;
  return { at: run.finishedAt ?? run.startedAt, source: { kind: 'sync' }, code: reason.code, ...(run.reasonIds && { ids: run.reasonIds }) };
}

/** A grant run's failure: its failed step, its error's code and ids. */
export function grantFailure(run: GrantRun): ReportFailure | undefined {
  if (!run.error) return undefined;
  return {
    at: run.finishedAt ?? run.updatedAt,
    source: { kind: 'grant', step: run.error.step },
    code: run.error.code,
    ...(run.error.ids && { ids: run.error.ids }),
  };
}

/** The newest `REPORT_FAILURES` failures, newest first. */
export function newestFailures(failures: readonly ReportFailure[]): ReportFailure[] {
  return [...failures].sort((a, b) => b.at - a.at).slice(0, REPORT_FAILURES);
}

/** Read what the report says from the records (the console calls it on click); the text is buildSupportReport's. */
export async function readReportTenants(db: AppDB, settings: MonitorSettings, now: number): Promise<ReportTenant[]> {
  const tenants = await db.tenants.toArray();
  const connectors = await db.connectors.toArray();
  const report: ReportTenant[] = [];
  for (const tenant of tenants) {
    const own = connectors.filter((connector) => connector.tenantId === tenant.tenantId);
    const statuses = evaluateTenant(await factsOf(db, tenant, own, undefined), settings, now);
    const range = [
      [tenant.tenantId, 0],
      [tenant.tenantId, Infinity],
    ] as const;
    const [checks, syncRuns, grantRuns] = await Promise.all([
      db.checks
        .where('[tenantId+at]')
        .between(...range)
        .toArray(),
      db.syncRuns
        .where('[tenantId+startedAt]')
        .between(...range)
        .toArray(),
      db.grantRuns.where('tenantId').equals(tenant.tenantId).toArray(),
    ]);
    const failures = [...checks.flatMap(checkFailures), ...syncRuns.map(syncFailure), ...grantRuns.map(grantFailure)].filter(
      (failure): failure is ReportFailure => failure !== undefined,
    );
    const { tenantId, displayName, domain, cloud, clientId } = tenant;
    report.push({ tenant: { tenantId, displayName, domain, cloud, clientId }, statuses, failures: newestFailures(failures) });
  }
  return report;
}
