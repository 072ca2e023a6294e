import { describe, expect, it } from 'vitest';
import type { AccountFacts, ServiceId, TenantCheck } from '../../../lib/db/types';
import {
  type AccountReading,
  accountEnabledNow,
  licenceStanding,
  type LicenceStanding,
  serviceAccountId,
} from '../../../lib/monitor/account-standing';

const plans = (...list: Array<[string, string]>): AccountFacts => ({
  plans: list.map(([service, capabilityStatus]) => ({ service, capabilityStatus })),
});

// assignedPlans → the licence a connected service needs, along assignedplan.md's order: Enabled, Warning, Suspended,
// LockedOut, Deleted.
const CASES: Array<[string, AccountFacts | undefined, ServiceId, LicenceStanding]> = [
  ['an enabled Exchange plan', plans(['exchange', 'Enabled']), 'exchange', 'licensed'],
  ['in its grace period', plans(['exchange', 'Warning']), 'exchange', 'grace'],
  ['suspended', plans(['exchange', 'Suspended']), 'exchange', 'lost'],
  ['locked out', plans(['exchange', 'LockedOut']), 'exchange', 'lost'],
  ['deleted', plans(['exchange', 'Deleted']), 'exchange', 'lost'],
  ['one deleted, another enabled (a new licence)', plans(['exchange', 'Deleted'], ['exchange', 'Enabled']), 'exchange', 'licensed'],
  ['one suspended, another in grace', plans(['exchange', 'Suspended'], ['exchange', 'Warning']), 'exchange', 'grace'],
  ['OneDrive comes with the SharePoint plan', plans(['SharePoint', 'Warning']), 'onedrive', 'grace'],
  ['SharePoint, whatever the case', plans(['sharepoint', 'Deleted']), 'sharepoint', 'lost'],
  ['another service’s plan says nothing', plans(['SharePoint', 'Deleted']), 'exchange', 'unknown'],
  ['never licensed (no plan at all): not guessed', plans(), 'exchange', 'unknown'],
  ['a status Graph may add later', plans(['exchange', 'unknownFutureValue']), 'exchange', 'unknown'],
  ['not read', undefined, 'exchange', 'unknown'],
  ['plans not given', { accountEnabled: true }, 'exchange', 'unknown'],
];

describe('the licence a connected service needs', () => {
  it.each(CASES)('%s', (_, account, service, expected) => {
    expect(licenceStanding(account, service)).toBe(expected);
  });
});

// The freshest record of the service account wins: the check (at its time) or the mirror (at its sync run's start).
const AT = 1_800_000_000_000;
const check = (patch: Partial<TenantCheck> = {}): TenantCheck => ({
  tenantId: 't1',
  at: AT,
  network: 'online',
  token: { ok: true, renewedBy: 'refresh_token', expiresOn: AT + 3_600_000, scopes: [] },
  graph: { probes: {} },
  statuses: [],
  ...patch,
});
const read = (accountEnabled: boolean) => check({ graph: { probes: {}, account: { accountEnabled } } });
const refused = (code: string) => check({ token: { ok: false, code: code as never, silentSignInTried: false }, graph: undefined });
const mirror = (enabled: boolean, at: number): AccountReading => ({ enabled, at });

const STANDING: Array<[string, TenantCheck | undefined, AccountReading | undefined, boolean | undefined]> = [
  ['no check, no mirror record', undefined, undefined, undefined],
  ['no check yet: the mirror alone', undefined, mirror(false, AT), false],
  ['the check read it disabled, no mirror record', read(false), undefined, false],
  ['a refresh refused with AADSTS50057, no mirror record', refused('account_disabled'), undefined, false],
  ['a token given and /me not read: Entra found it enabled', check(), undefined, true],
  ['a refusal for another reason tells nothing', refused('refresh_token_expired'), undefined, undefined],
  ['… so the mirror tells, even when older', refused('network_unreachable'), mirror(false, AT - 1), false],
  ['a check without a token request (offline) tells nothing', check({ network: 'offline', token: undefined }), mirror(true, AT - 1), true],
  ['the mirror older than the check: the check wins', read(true), mirror(false, AT - 1), true],
  ['the mirror newer than the check: the mirror wins', read(true), mirror(false, AT + 1), false],
  ['a tie: the check wins', read(true), mirror(false, AT), true],
  ['the check disabled, the mirror enabled again later', read(false), mirror(true, AT + 1), true],
  ['refused (AADSTS50057), the mirror enabled again later', refused('account_disabled'), mirror(true, AT + 60_000), true],
  ['refused (AADSTS50057), the mirror enabled but older', refused('account_disabled'), mirror(true, AT - 60_000), false],
  ['a token given, the mirror disabled later (before any refresh fails)', check(), mirror(false, AT + 60_000), false],
];

describe('whether the service account is enabled now', () => {
  it.each(STANDING)('%s', (_, checked, mirrored, expected) => {
    expect(accountEnabledNow(checked, mirrored)).toBe(expected);
  });
});

describe("the service account's directory id", () => {
  it.each([
    ['a member of the tenant', 'oid-1.t1', 'oid-1'],
    ['a guest (home elsewhere): none', 'oid-1.home-tenant', undefined],
    ['no account', undefined, undefined],
    ['not msal’s shape', 'oid-1', undefined],
    ['too many parts', 'a.b.t1', undefined],
  ] as const)('%s', (_, homeAccountId, expected) => {
    expect(serviceAccountId({ tenantId: 't1', homeAccountId })).toBe(expected);
  });
});
