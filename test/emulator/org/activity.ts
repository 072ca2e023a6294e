// Directory audit events and sign-ins for the last 30 days: a deterministic generated history relative to the
// tenant's start (made on first use, so a large org starts fast) plus what actually happens while the tenant runs.

import type { Directory, UserRecord } from './directory.ts';
import { offices } from './names.ts';
import { createRandom, guid, pick, seedOf, type Random } from './random.ts';
import { AuditSearch } from './audit-search.ts';

const DAY = 86_400_000;
const DAYS = 30;
const MAX_SIGNINS_PER_DAY = 3000;
const MAX_AUDITS_PER_DAY = 1500;

export type ActivityRecord = Record<string, unknown> & { id: string };

const auditTemplates = [
  { service: 'Core Directory', category: 'UserManagement', activity: 'Update user', op: 'Update', target: 'User', weight: 5 },
  { service: 'Core Directory', category: 'UserManagement', activity: 'Add user', op: 'Add', target: 'User', weight: 1 },
  { service: 'Core Directory', category: 'UserManagement', activity: 'Change user license', op: 'Update', target: 'User', weight: 1 },
  { service: 'Core Directory', category: 'GroupManagement', activity: 'Add member to group', op: 'Assign', target: 'Group', weight: 3 },
  {
    service: 'Core Directory',
    category: 'GroupManagement',
    activity: 'Remove member from group',
    op: 'Unassign',
    target: 'Group',
    weight: 1,
  },
  { service: 'Core Directory', category: 'GroupManagement', activity: 'Update group', op: 'Update', target: 'Group', weight: 1 },
  { service: 'Core Directory', category: 'RoleManagement', activity: 'Add member to role', op: 'Assign', target: 'Role', weight: 1 },
  {
    service: 'Core Directory',
    category: 'ApplicationManagement',
    activity: 'Consent to application',
    op: 'Assign',
    target: 'ServicePrincipal',
    weight: 1,
  },
  {
    service: 'Self-service Password Management',
    category: 'UserManagement',
    activity: 'Reset password (self-service)',
    op: 'Update',
    target: 'User',
    weight: 2,
  },
  {
    service: 'Authentication Methods',
    category: 'UserManagement',
    activity: 'User registered security info',
    op: 'Add',
    target: 'User',
    weight: 2,
  },
  {
    service: 'Conditional Access',
    category: 'Policy',
    activity: 'Update conditional access policy',
    op: 'Update',
    target: 'Policy',
    weight: 1,
  },
] as const;
const auditWheel = auditTemplates.flatMap((t) => Array<(typeof auditTemplates)[number]>(t.weight).fill(t));

const apps = [
  { name: 'Office 365 Exchange Online', id: '00000002-0000-0ff1-ce00-000000000000' },
  { name: 'Microsoft Teams', id: '1fec8e78-bce4-4aaf-ab1b-5451cc387264' },
  { name: 'OfficeHome', id: '4765445b-32c6-49b0-83e6-1d93765276ca' },
  { name: 'SharePoint Online Web Client Extensibility', id: '08e18876-6177-487e-b8b5-cf950c1e598c' },
  { name: 'Microsoft Office', id: 'd3590ed6-52b3-4102-aeff-aad2292ab01c' },
  { name: 'Azure Portal', id: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c' },
  { name: 'OneDrive SyncEngine', id: 'ab9b8c07-8f02-4f72-87fa-80105867a763' },
  { name: 'My Signins', id: '19db86c3-b2b9-44cc-b339-36da233a3be2' },
] as const;

const browsers = ['Edge 131.0.0', 'Chrome 131.0.0', 'Firefox 133.0', 'Safari 18.1', 'Rich Client 16.0.0'] as const;
const systems = ['Windows10', 'MacOs', 'Ios', 'Android', 'Windows'] as const;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function ipFor(random: Random): string {
  return `${pick(random, [20, 40, 52, 104, 137, 191])}.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}.${Math.floor(random() * 254) + 1}`;
}

export function signInRecord(
  random: Random,
  id: string,
  user: Pick<UserRecord, 'id' | 'displayName' | 'userPrincipalName' | 'office'> | undefined,
  upn: string,
  ms: number,
  errorCode: number,
  app: { name: string; id: string },
): ActivityRecord {
  const office = offices[user?.office ?? 0] ?? offices[0];
  return {
    id,
    createdDateTime: iso(ms),
    userDisplayName: user?.displayName ?? upn,
    userPrincipalName: upn,
    userId: user?.id ?? '00000000-0000-0000-0000-000000000000',
    appId: app.id,
    appDisplayName: app.name,
    ipAddress: ipFor(random),
    clientAppUsed: 'Browser',
    correlationId: guid(random),
    conditionalAccessStatus: 'notApplied',
    isInteractive: true,
    riskDetail: 'none',
    riskLevelAggregated: 'none',
    riskLevelDuringSignIn: 'none',
    riskState: 'none',
    riskEventTypes_v2: [],
    resourceDisplayName: 'Microsoft Graph',
    resourceId: '00000003-0000-0000-c000-000000000000',
    status: {
      errorCode,
      failureReason:
        errorCode === 0
          ? 'Other.'
          : errorCode === 50126
            ? 'Error validating credentials due to invalid username or password.'
            : 'Sign-in failed.',
      additionalDetails: null,
    },
    deviceDetail: {
      deviceId: '',
      displayName: '',
      operatingSystem: pick(random, systems),
      browser: pick(random, browsers),
      isCompliant: false,
      isManaged: false,
      trustType: '',
    },
    location: {
      city: office?.city ?? 'Redmond',
      state: office?.state ?? 'WA',
      countryOrRegion: office?.country ?? 'US',
      geoCoordinates: { altitude: null, latitude: office?.lat ?? 0, longitude: office?.lon ?? 0 },
    },
    appliedConditionalAccessPolicies: [],
  };
}

export interface AuditInput {
  activity: string;
  category: string;
  service?: string;
  operationType?: string;
  initiatedBy?: Pick<UserRecord, 'id' | 'displayName' | 'userPrincipalName'>;
  target: { id: string; displayName: string | null; type: string; userPrincipalName?: string | null };
}

function auditRecord(random: Random, id: string, ms: number, input: AuditInput): ActivityRecord {
  return {
    id,
    category: input.category,
    correlationId: guid(random),
    result: 'success',
    resultReason: '',
    activityDisplayName: input.activity,
    activityDateTime: iso(ms),
    loggedByService: input.service ?? 'Core Directory',
    operationType: input.operationType ?? 'Update',
    initiatedBy: input.initiatedBy
      ? {
          app: null,
          user: {
            id: input.initiatedBy.id,
            displayName: input.initiatedBy.displayName,
            userPrincipalName: input.initiatedBy.userPrincipalName,
            ipAddress: ipFor(random),
            userType: null,
            homeTenantId: null,
            homeTenantName: null,
          },
        }
      : {
          user: null,
          app: {
            appId: null,
            displayName: 'Microsoft Substrate Management',
            servicePrincipalId: 'b0e5b7b0-2cfa-4f53-9c65-9a5b4f7f1c2a',
            servicePrincipalName: 'Microsoft Substrate Management',
          },
        },
    targetResources: [
      {
        id: input.target.id,
        displayName: input.target.displayName,
        type: input.target.type,
        userPrincipalName: input.target.userPrincipalName ?? null,
        groupType: null,
        modifiedProperties: [],
      },
    ],
    additionalDetails: [],
  };
}

export class Activity {
  private generated: { audits: ActivityRecord[]; signIns: ActivityRecord[] } | null = null;
  /** Newest first, as Graph returns them. */
  private liveAudits: ActivityRecord[] = [];
  private liveSignIns: ActivityRecord[] = [];
  private combined: { audits: ActivityRecord[]; signIns: ActivityRecord[] } | null = null;
  private readonly random: Random;
  /** Microsoft Purview's audit search (Exchange, SharePoint, OneDrive records and their queries). */
  readonly search: AuditSearch;

  constructor(
    private readonly directory: () => Directory,
    private readonly seed: number,
    private readonly startMs: number,
    private readonly clientId: string,
    /** The tenant's clock: live sign-ins and audits are stamped with its time. */
    private readonly now: () => number = Date.now,
    /** Off: no generated history, only the live records (TenantOrgOptions.history). */
    private readonly history: boolean = true,
  ) {
    this.random = createRandom(seedOf(seed, directory().tenantId, 'live'));
    this.search = new AuditSearch(directory, seed, startMs, now);
  }

  audits(): ActivityRecord[] {
    return this.lists().audits;
  }

  signIns(): ActivityRecord[] {
    return this.lists().signIns;
  }

  recordSignIn(user: UserRecord | undefined, upn: string, errorCode: number): void {
    const app = { name: 'M365 Connector Admin Helper', id: this.clientId };
    this.liveSignIns.unshift(signInRecord(this.random, guid(this.random), user, upn, this.now(), errorCode, app));
    this.combined = null;
  }

  recordAudit(input: AuditInput): void {
    this.liveAudits.unshift(auditRecord(this.random, guid(this.random), this.now(), input));
    this.combined = null;
  }

  reset(): void {
    this.liveAudits = [];
    this.liveSignIns = [];
    this.combined = null;
  }

  private lists(): { audits: ActivityRecord[]; signIns: ActivityRecord[] } {
    if (this.combined) return this.combined;
    this.generated ??= this.generate();
    this.combined = {
      audits: this.liveAudits.length ? [...this.liveAudits, ...this.generated.audits] : this.generated.audits,
      signIns: this.liveSignIns.length ? [...this.liveSignIns, ...this.generated.signIns] : this.generated.signIns,
    };
    return this.combined;
  }

  private generate(): { audits: ActivityRecord[]; signIns: ActivityRecord[] } {
    const directory = this.directory();
    const random = createRandom(seedOf(this.seed, directory.tenantId, 'activity'));
    const users = directory.users.slots.filter((u): u is UserRecord => u !== null);
    const groups = directory.groups.slots.filter((g) => g !== null);
    const admin = users[0];
    const signIns: ActivityRecord[] = [];
    const audits: ActivityRecord[] = [];
    if (!users.length || !admin || !this.history) return { audits, signIns };
    const signInsPerDay = Math.min(MAX_SIGNINS_PER_DAY, users.length * 3);
    const auditsPerDay = Math.min(MAX_AUDITS_PER_DAY, Math.max(5, users.length));
    for (let day = 0; day < DAYS; day++) {
      const dayStart = this.startMs - (day + 1) * DAY;
      for (let i = 0; i < signInsPerDay; i++) {
        const user = pick(random, users);
        const failed = random() < 0.05;
        signIns.push(
          signInRecord(
            random,
            guid(random),
            user,
            user.userPrincipalName,
            dayStart + random() * DAY,
            failed ? 50126 : 0,
            pick(random, apps),
          ),
        );
      }
      for (let i = 0; i < auditsPerDay; i++) {
        const template = pick(random, auditWheel);
        const subject = pick(random, users);
        const group = groups.length ? pick(random, groups) : undefined;
        const target =
          template.target === 'Group' && group
            ? { id: group.id, displayName: group.displayName, type: 'Group' }
            : template.target === 'User'
              ? { id: subject.id, displayName: subject.displayName, type: 'User', userPrincipalName: subject.userPrincipalName }
              : template.target === 'Role'
                ? { id: '62e90394-69f5-4237-9190-012177145e10', displayName: 'Global Administrator', type: 'Role' }
                : {
                    id: guid(random),
                    displayName: template.target === 'Policy' ? 'Require MFA for admins' : 'Contoso HR Portal',
                    type: template.target,
                  };
        const initiatedBy =
          template.service === 'Self-service Password Management' || template.service === 'Authentication Methods'
            ? subject
            : random() < 0.85
              ? admin
              : undefined;
        audits.push(
          auditRecord(random, guid(random), dayStart + random() * DAY, {
            activity: template.activity,
            category: template.category,
            service: template.service,
            operationType: template.op,
            initiatedBy,
            target,
          }),
        );
      }
    }
    const byTimeDesc = (field: string) => (a: ActivityRecord, b: ActivityRecord) => String(b[field]).localeCompare(String(a[field]));
    signIns.sort(byTimeDesc('createdDateTime'));
    audits.sort(byTimeDesc('activityDateTime'));
    return { audits, signIns };
  }
}
