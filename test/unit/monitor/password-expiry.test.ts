import { describe, expect, it } from 'vitest';
import type { AccountFacts } from '../../../lib/db/types';
import { isPasswordExpiryDue, predictPasswordExpiry, type PasswordForecast } from '../../../lib/monitor/password-expiry';
import { HOUR, NOW } from './fixtures';

const DAY = 24 * HOUR;
/** A cloud account whose password changed 85 days ago, under a 90-day policy with Microsoft's 14-day window. */
const account = (patch: Partial<AccountFacts> = {}): AccountFacts => ({
  lastPasswordChangeAt: NOW - 85 * DAY,
  passwordPolicies: null,
  onPremisesSyncEnabled: null,
  accountEnabled: true,
  domainPolicy: { validityDays: 90, notificationDays: 14 },
  ...patch,
});
const expires = (at: number, warnFrom: number, validityDays = 90): PasswordForecast => ({ kind: 'expires', at, warnFrom, validityDays });

// The account's facts → the forecast, at the edges Microsoft's records have.
const CASES: Array<[string, AccountFacts | undefined, PasswordForecast]> = [
  ['a 90-day policy, changed 85 days ago: in 5 days', account(), expires(NOW + 5 * DAY, NOW - 9 * DAY)],
  ['the account never expires (DisablePasswordExpiration)', account({ passwordPolicies: 'DisablePasswordExpiration' }), { kind: 'never' }],
  [
    'both policies, in any case and spacing',
    account({ passwordPolicies: 'DisableStrongPassword,  disablepasswordexpiration' }),
    { kind: 'never' },
  ],
  [
    'only DisableStrongPassword: the domain policy holds',
    account({ passwordPolicies: 'DisableStrongPassword' }),
    expires(NOW + 5 * DAY, NOW - 9 * DAY),
  ],
  [
    'the domain never expires passwords (2147483647 days)',
    account({ domainPolicy: { validityDays: 2147483647, notificationDays: 14 } }),
    { kind: 'never' },
  ],
  [
    'the domain policy not set: Microsoft uses 90 and 14 days',
    account({ domainPolicy: { validityDays: null, notificationDays: null } }),
    expires(NOW + 5 * DAY, NOW - 9 * DAY),
  ],
  [
    'synchronised from on-premises: its policy lives there, it cannot be known',
    account({ onPremisesSyncEnabled: true }),
    { kind: 'unknown', why: 'on_premises' },
  ],
  [
    'synchronised from on-premises, even with DisablePasswordExpiration (the on-premises password still changes)',
    account({ onPremisesSyncEnabled: true, passwordPolicies: 'DisablePasswordExpiration' }),
    { kind: 'unknown', why: 'on_premises' },
  ],
  ['the domain could not be read', account({ domainPolicy: undefined }), { kind: 'unknown', why: 'not_read' }],
  ['no last change from Graph', account({ lastPasswordChangeAt: undefined }), { kind: 'unknown', why: 'not_read' }],
  ['nothing read at all', undefined, { kind: 'unknown', why: 'not_read' }],
  [
    'a 7-day window set by the admin',
    account({ domainPolicy: { validityDays: 90, notificationDays: 7 } }),
    expires(NOW + 5 * DAY, NOW - 2 * DAY),
  ],
  [
    'a window shorter than the monitor’s renewal warning: the longer warns',
    account({ domainPolicy: { validityDays: 90, notificationDays: 0 } }),
    expires(NOW + 5 * DAY, NOW + 5 * DAY - 4 * HOUR),
  ],
  [
    'clock skew: Entra’s last change is ahead of this browser’s clock; the date is still Entra’s',
    account({ lastPasswordChangeAt: NOW + 10 * 60_000 }),
    expires(NOW + 10 * 60_000 + 90 * DAY, NOW + 10 * 60_000 + 76 * DAY),
  ],
];

describe('the service account’s password expiry, from Microsoft’s records', () => {
  it.each(CASES)('%s', (_, facts, expected) => {
    expect(predictPasswordExpiry(facts, 4)).toEqual(expected);
  });

  it.each([
    ['a day before the window', NOW + 5 * DAY - 14 * DAY - DAY, false],
    ['the window’s first instant', NOW + 5 * DAY - 14 * DAY, true],
    ['5 days before', NOW, true],
    ['past the expiry (the grant survives it; the change revokes it)', NOW + 6 * DAY, true],
  ] as const)('due %s: %s', (_, now, due) => {
    expect(isPasswordExpiryDue(predictPasswordExpiry(account(), 4), now)).toBe(due);
  });

  it('is never due for "never expires" or what cannot be known', () => {
    for (const facts of [account({ passwordPolicies: 'DisablePasswordExpiration' }), account({ onPremisesSyncEnabled: true }), undefined])
      expect(isPasswordExpiryDue(predictPasswordExpiry(facts, 4), NOW + 1000 * DAY)).toBe(false);
  });
});
