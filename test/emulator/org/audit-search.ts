// Microsoft Purview's audit search as the local tenant runs it: a generated 30-day history of Exchange, SharePoint and
// OneDrive audit records, and the queries made over it, each running for a while on the tenant's clock before it
// succeeds or fails (control: setAuditSearch).
//
// The lifecycle and shapes are Microsoft's: POST /security/auditLog/queries answers 201 with the auditLogQuery, its
// `status` one of notStarted, running, succeeded, failed, cancelled (microsoftgraph/microsoft-graph-docs-contrib
// api-reference/v1.0/resources/security-auditlogquery.md, security-auditcoreroot-post-auditlogqueries.md); its records
// are auditLogRecord objects (resources/security-auditlogrecord.md, the CSDL of msgraph-metadata). Microsoft does not
// document how long a query runs, what reading the records of a query still running answers, or how large a page of
// records is: here a query runs `runMs` (0 by default, so a test that does not care is not slowed), the records of an
// unfinished query answer 400, and a page holds up to 1,000 records (as the other audit lists here).

import type { Directory, UserRecord } from './directory.ts';
import { createRandom, guid, pick, seedOf, type Random } from './random.ts';

const DAY = 86_400_000;
const DAYS = 30;

export type AuditService = 'Exchange' | 'SharePoint' | 'OneDrive';
export type AuditRecord = Record<string, unknown> & { id: string; createdDateTime: string; service: AuditService };

/**
 * Which service's records a delegated permission reaches: the permissions are "classified at a Microsoft 365 service
 * level" (security-auditcoreroot-post-auditlogqueries.md, Permissions); AuditLogsQuery.Read.All is "All Audit Logs".
 * What a query over a service the token has no permission for answers is not documented: here it finds none of it.
 */
const SERVICE_SCOPES: Readonly<Record<AuditService, string>> = {
  Exchange: 'AuditLogsQuery-Exchange.Read.All',
  SharePoint: 'AuditLogsQuery-SharePoint.Read.All',
  OneDrive: 'AuditLogsQuery-OneDrive.Read.All',
};
const ALL_SCOPE = 'AuditLogsQuery.Read.All';

// Operations and record types as Microsoft's audit log names them (Purview "Audit log activities"; record types:
// the members of microsoft.graph.security.auditLogRecordType in the msgraph-metadata CSDL, which spells them in
// PascalCase where resources/security-auditlogrecord.md writes camelCase). OneDrive's file operations carry the
// SharePoint file record type, the workload (`service`) telling them apart.
const TEMPLATES: Readonly<Record<AuditService, ReadonlyArray<{ operation: string; recordType: string }>>> = {
  Exchange: [
    { operation: 'MailItemsAccessed', recordType: 'ExchangeItemAggregated' },
    { operation: 'Send', recordType: 'ExchangeItem' },
    { operation: 'MoveToDeletedItems', recordType: 'ExchangeItem' },
    { operation: 'New-InboxRule', recordType: 'ExchangeAdmin' },
  ],
  SharePoint: [
    { operation: 'FileAccessed', recordType: 'SharePointFileOperation' },
    { operation: 'FileModified', recordType: 'SharePointFileOperation' },
    { operation: 'SharingSet', recordType: 'SharePointSharingOperation' },
    { operation: 'PageViewed', recordType: 'SharePoint' },
  ],
  OneDrive: [
    { operation: 'FileUploaded', recordType: 'SharePointFileOperation' },
    { operation: 'FileDownloaded', recordType: 'SharePointFileOperation' },
    { operation: 'FileDeleted', recordType: 'SharePointFileOperation' },
  ],
};
const SERVICES = Object.keys(TEMPLATES) as AuditService[];
const FILES = ['Budget 2027.xlsx', 'Board minutes.docx', 'Roadmap.pptx', 'Contract draft.pdf', 'Team photo.jpg'];

export interface AuditSearchSettings {
  /** False: the tenant has no audit search (no licence, or auditing off): creating a query is refused. */
  available: boolean;
  /** How long a query runs on the tenant's clock before it ends. */
  runMs: number;
  /** How many of the next queries fail (status `failed`) instead of succeeding. */
  failNext: number;
  /**
   * When set, only the next queries of this service (in their `serviceFilters`) count for `failNext`: a sync asks for
   * each service's query side by side, so which one reaches the tenant first is not fixed.
   */
  failNextOf?: AuditService;
  /** Records per day of the generated history (all three services together). */
  recordsPerDay?: number;
  /** Days of generated history before the tenant's start (30 by default; a benchmark sizes a 7-day window with it). */
  days?: number;
}

export interface AuditQuery {
  id: string;
  displayName: string | null;
  filterStartDateTime: string | null;
  filterEndDateTime: string | null;
  recordTypeFilters: string[];
  serviceFilters: string[];
  createdAt: number;
  runMs: number;
  fails: boolean;
  /** The services the creating token's permissions reach. */
  readable: AuditService[];
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function auditRecord(random: Random, tenantId: string, domain: string, user: UserRecord, ms: number, service: AuditService): AuditRecord {
  const { operation, recordType } = pick(random, TEMPLATES[service]);
  const file = pick(random, FILES);
  const alias = user.userPrincipalName.split('@')[0] ?? 'user';
  const host = domain.split('.')[0] ?? 'contoso';
  const objectId =
    service === 'Exchange'
      ? operation === 'New-InboxRule'
        ? `${alias}\\Move to archive`
        : 'Inbox'
      : service === 'OneDrive'
        ? `https://${host}-my.sharepoint.com/personal/${alias}/Documents/${file}`
        : `https://${host}.sharepoint.com/sites/Team/Shared Documents/${file}`;
  return {
    id: guid(random),
    createdDateTime: iso(ms),
    auditLogRecordType: recordType,
    operation,
    organizationId: tenantId,
    userType: 'Regular',
    userId: user.userPrincipalName,
    service,
    objectId,
    userPrincipalName: user.userPrincipalName,
    clientIp: `${pick(random, [20, 40, 52, 104])}.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}.${Math.floor(random() * 254) + 1}`,
    administrativeUnits: [],
  };
}

export class AuditSearch {
  settings: AuditSearchSettings = { available: true, runMs: 0, failNext: 0 };
  private readonly queries = new Map<string, AuditQuery>();
  private generated: AuditRecord[] | null = null;
  /** What each query found, kept from its first read of records: its pages then slice one list, not the history. */
  private readonly found = new WeakMap<AuditQuery, AuditRecord[]>();
  private readonly random: Random;

  constructor(
    private readonly directory: () => Directory,
    private readonly seed: number,
    private readonly startMs: number,
    private readonly now: () => number,
  ) {
    this.random = createRandom(seedOf(seed, directory().tenantId, 'audit-search'));
  }

  configure(settings: Partial<AuditSearchSettings>): AuditSearchSettings {
    const resized = (['recordsPerDay', 'days'] as const).some((key) => settings[key] !== undefined && settings[key] !== this.settings[key]);
    if (resized) this.generated = null;
    this.settings = { ...this.settings, ...settings };
    return this.settings;
  }

  /** A new query, as POST /security/auditLog/queries creates it. */
  create(input: Omit<AuditQuery, 'id' | 'createdAt' | 'runMs' | 'fails' | 'readable'>, scopes: ReadonlySet<string>): AuditQuery {
    const { failNextOf } = this.settings;
    const fails = this.settings.failNext > 0 && (failNextOf === undefined || input.serviceFilters.includes(failNextOf));
    if (fails) this.settings.failNext -= 1;
    const readable = SERVICES.filter((service) => scopes.has(ALL_SCOPE) || scopes.has(SERVICE_SCOPES[service]));
    const query: AuditQuery = { ...input, id: guid(this.random), createdAt: this.now(), runMs: this.settings.runMs, fails, readable };
    this.queries.set(query.id, query);
    return query;
  }

  get(id: string): AuditQuery | undefined {
    return this.queries.get(id);
  }

  /** The query's status at `now`: notStarted at the instant it was made, running until its time is up, then its end. */
  status(query: AuditQuery, now = this.now()): 'notStarted' | 'running' | 'succeeded' | 'failed' {
    if (now >= query.createdAt + query.runMs) return query.fails ? 'failed' : 'succeeded';
    return now === query.createdAt ? 'notStarted' : 'running';
  }

  /**
   * The records a succeeded query found, newest first: found at the first read of its records and the same on every
   * page after (a history resized later does not change them), so that paging a large result costs a slice a page.
   */
  records(query: AuditQuery): AuditRecord[] {
    const kept = this.found.get(query);
    if (kept) return kept;
    const from = query.filterStartDateTime ? Date.parse(query.filterStartDateTime) : -Infinity;
    const to = query.filterEndDateTime ? Date.parse(query.filterEndDateTime) : Infinity;
    const services = new Set(query.serviceFilters.map((s) => s.toLowerCase()));
    const types = new Set(query.recordTypeFilters);
    const found = this.history().filter((record) => {
      const at = Date.parse(record.createdDateTime);
      return (
        at >= from &&
        at <= to &&
        query.readable.includes(record.service) &&
        (!services.size || services.has(record.service.toLowerCase())) &&
        (!types.size || types.has(String(record.auditLogRecordType)))
      );
    });
    this.found.set(query, found);
    return found;
  }

  private history(): AuditRecord[] {
    if (this.generated) return this.generated;
    const directory = this.directory();
    const random = createRandom(seedOf(this.seed, directory.tenantId, 'audit-history'));
    const users = directory.users.slots.filter((u): u is UserRecord => u !== null);
    const records: AuditRecord[] = [];
    const perDay = this.settings.recordsPerDay ?? Math.min(600, users.length * 3);
    if (users.length) {
      for (let day = 0; day < (this.settings.days ?? DAYS); day++) {
        const dayStart = this.startMs - (day + 1) * DAY;
        for (let i = 0; i < perDay; i++) {
          const service = SERVICES[i % SERVICES.length] ?? 'Exchange';
          records.push(auditRecord(random, directory.tenantId, directory.domain, pick(random, users), dayStart + random() * DAY, service));
        }
      }
    }
    records.sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
    this.generated = records;
    return records;
  }
}
