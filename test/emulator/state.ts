// The mutable state of one running tenant, shared by the Entra, Graph and control layers.

import { randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import type { Provider } from 'oidc-provider';
import type { Activity } from './org/activity.ts';
import type { Directory, UserRecord } from './org/directory.ts';
import type { SubscribedSkuState } from './org/licences.ts';
import type { GeneratedOrg, OrgSpec } from './org/generator.ts';
import type { OidcStore } from './entra/store.ts';
import type { Faults, Latency } from './faults.ts';
import { initialRegistration, type AppRegistration } from './graph/applications.ts';
import type { ServiceIssue } from './graph/service-issues.ts';
import type { RequestLog } from './request-log.ts';
import type { DomainPasswordPolicy, ServiceHealthStatus } from './types.ts';
import { TenantClock } from './clock.ts';

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

export interface Lifetimes {
  access: number;
  refresh: number;
  session: number;
}

export interface OrgRuntime {
  index: number;
  /** The org as generated; `premium` is the start value (the live one is `premium` below). */
  spec: OrgSpec & { premium: boolean; history: boolean };
  premium: boolean;
  generated: GeneratedOrg;
  issuer: string;
  provider: Provider;
  store: OidcStore;
  publicJwk: JWK;
  verifyKey: CryptoKey;
  /** accountId -> grantId: consent is remembered per user for the one client, across sessions. */
  consents: Map<string, string>;
  /** "Grant admin consent for <tenant>": the scopes consented for every user (the AllPrincipals grant). */
  adminConsent: Set<string>;
  /** Per user: the scopes that user consented to on the consent page (their Principal grant). */
  userConsents: Map<string, Set<string>>;
  serviceHealth: Map<string, ServiceHealthStatus>;
  /** GET /admin/serviceAnnouncement/issues (control: addServiceIssue, resolveServiceIssue). */
  serviceIssues: ServiceIssue[];
  /** GET /domains/{id} (control: setDomainPasswordPolicy). */
  domainPasswordPolicy: DomainPasswordPolicy;
  /** GET /subscribedSkus (control: setServicePlan). */
  subscriptions: SubscribedSkuState[];
  activity: Activity;
  sessionCookie: string;
}

export interface SignInTicket {
  tenantId: string;
  userId: string;
  expires: number;
}

export class TenantState {
  orgs: OrgRuntime[] = [];
  url = '';
  port = 0;
  /** Per user: tokens issued before this epoch-ms instant are revoked (AADSTS50173 / 401). */
  readonly tokensValidFrom = new Map<string, number>();
  accessValidFrom = 0;
  refreshValidFrom = 0;
  /** jti -> epoch ms of issue, for access tokens (JWTs are not stored by oidc-provider). */
  readonly issuedAccess = new Map<string, number>();
  /** Delta tokens carry this; bumping it answers 410 for every older token. */
  deltaEpoch = 0;
  /** capDeltaPages(): the most objects a delta page holds, whatever the client prefers. */
  deltaPageCap: number | null = null;
  readonly instance = randomBytes(4).toString('hex');
  /** setConditionalAccessBlock(): per user id, where a Conditional Access policy refuses tokens (AADSTS53003). */
  readonly conditionalAccess = new Map<string, { signIn: boolean; refresh: boolean }>();
  /** setUserConsent(false): tenant ids where only an administrator may consent (else AADSTS90094). */
  readonly adminConsentOnly = new Set<string>();
  /** One-time tickets from the common/organizations sign-in page to the user's own org. */
  readonly tickets = new Map<string, SignInTicket>();
  lifetimes: Lifetimes;
  /**
   * setSigninState(): the `signin_state` claim of the id tokens issued from now on (null: none). Entra sets it when
   * asked (msal asks on every request: msal-common src/request/RequestParameterBuilder.ts DEFAULT_ID_TOKEN_CLAIMS),
   * e.g. `kmsi` after "Stay signed in?" (msal-common src/account/AuthToken.ts isKmsi lists the known values).
   */
  signinState: string[] | null = null;
  /** The tenant's time (control: advanceTime, setTime): token lifetimes, sessions, revocations, audit and sign-in times. */
  readonly clock = new TenantClock();
  /** The app registration's redirect URIs per platform (Graph's application object). */
  registration: AppRegistration;

  constructor(
    readonly clientId: string,
    readonly redirectUris: string[],
    readonly defaultLifetimes: Lifetimes,
    readonly faults: Faults,
    readonly log: RequestLog,
    readonly latency: Latency,
  ) {
    this.lifetimes = { ...defaultLifetimes };
    this.registration = initialRegistration(clientId, redirectUris);
  }

  directory(org: OrgRuntime): Directory {
    return org.generated.directory;
  }

  /** An org by tenant id or domain (case-insensitive); `multi` for the organizations/common authorities. */
  resolveTenant(segment: string): OrgRuntime | 'multi' | undefined {
    const s = segment.toLowerCase();
    if (s === 'common' || s === 'organizations') return 'multi';
    return this.orgs.find((o) => o.spec.tenantId === s || o.spec.domain.toLowerCase() === s);
  }

  orgById(tenantId: string): OrgRuntime | undefined {
    return this.orgs.find((o) => o.spec.tenantId === tenantId);
  }

  /** The user with this UPN (or object id) in whichever org holds it. */
  findUser(idOrUpn: string): { org: OrgRuntime; user: UserRecord } | undefined {
    for (const org of this.orgs) {
      const user = org.generated.directory.user(idOrUpn);
      if (user) return { org, user };
    }
    return undefined;
  }

  isRevoked(userId: string, issuedAtMs: number): boolean {
    return (this.tokensValidFrom.get(userId) ?? 0) > issuedAtMs;
  }
}
