import { describe, expect, it } from 'vitest';
import type { AccountFacts, ServiceId } from '../../../lib/db/types';
import { isSignInBlocked, licenceStanding, type LicenceStanding } from '../../../lib/monitor/account-standing';

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

describe('sign-in blocked', () => {
  it.each([
    [{ accountEnabled: false }, true],
    [{ accountEnabled: true }, false],
    [{}, false],
    [undefined, false],
  ] as const)('%j → %s', (account, blocked) => {
    expect(isSignInBlocked(account)).toBe(blocked);
  });
});
