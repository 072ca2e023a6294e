import { describe, expect, it } from 'vitest';
import type { DirectoryUser } from '../../../lib/db/types';
import { exchangeLicensedFrom, mapGroup, mapUser, sameRecord } from '../../../lib/sync/map';

const T = 'tenant-1';
const EXO = 'efb87545-963c-4e0d-99df-69c6916d9eb0';
const plan = (service: string, capabilityStatus: string) => ({
  assignedDateTime: '2024-01-15T00:00:00Z',
  capabilityStatus,
  service,
  servicePlanId: EXO,
});
const E5 = [{ skuId: '06ebc4ee-1bb5-47dd-8120-11324bc54e06', disabledPlans: [] }];

// assignedPlan's capabilityStatus values: microsoft-graph-docs-contrib api-reference/v1.0/resources/assignedplan.md.
describe('exchangeLicensedFrom', () => {
  it.each([
    ['an enabled exchange plan', { assignedPlans: [plan('exchange', 'Enabled')] }, true],
    ['an exchange plan in its grace period', { assignedPlans: [plan('exchange', 'Warning')] }, true],
    ['a suspended exchange plan', { assignedPlans: [plan('exchange', 'Suspended')] }, false],
    ['a locked-out exchange plan', { assignedPlans: [plan('exchange', 'LockedOut')] }, false],
    ['a deleted (disabled) exchange plan', { assignedPlans: [plan('exchange', 'Deleted')] }, false],
    ['plans without exchange', { assignedPlans: [plan('SharePoint', 'Enabled')] }, false],
    // A licence alone says nothing: its Exchange plan may be disabled. A shared mailbox has mail and no licence.
    ['a licence and a mail address, no plans sent', { assignedLicenses: E5, mail: 'a@x.com' }, undefined],
    ['a shared mailbox (mail, no plans)', { assignedPlans: [], mail: 'info@x.com' }, false],
    ['nothing said', { mail: 'a@x.com' }, undefined],
  ])('%s → %s', (_, user, expected) => {
    expect(exchangeLicensedFrom(user)).toBe(expected);
  });
});

describe('mapUser', () => {
  const full = {
    id: 'u1',
    displayName: 'Megan Bowen',
    userPrincipalName: 'MeganB@Contoso.com',
    mail: 'Megan.Bowen@Contoso.com',
    accountEnabled: true,
    assignedPlans: [plan('exchange', 'Enabled'), plan('SharePoint', 'Enabled')],
  };
  const stored: DirectoryUser = mapUser(T, full);

  it('keeps the fields the product shows, with lower-cased search keys', () => {
    expect(stored).toEqual({
      tenantId: T,
      id: 'u1',
      displayName: 'Megan Bowen',
      userPrincipalName: 'MeganB@Contoso.com',
      mail: 'Megan.Bowen@Contoso.com',
      accountEnabled: true,
      exchangeLicensed: true,
      searchName: 'megan bowen',
      searchUpn: 'meganb@contoso.com',
      searchMail: 'megan.bowen@contoso.com',
    });
  });

  const withoutMail = Object.fromEntries(Object.entries(stored).filter(([key]) => key !== 'mail'));
  it.each([
    ['only the changed name', { id: 'u1', displayName: 'Megan B' }, { ...stored, displayName: 'Megan B', searchName: 'megan b' }],
    // The licence facts were not sent again: the stored mailbox answer stands.
    ['mail cleared', { id: 'u1', mail: null }, Object.fromEntries(Object.entries(withoutMail).filter(([key]) => key !== 'searchMail'))],
    [
      'mail set to the sign-in name: no mail search key, the sign-in name finds it',
      { id: 'u1', mail: 'MeganB@contoso.com' },
      { ...Object.fromEntries(Object.entries(stored).filter(([key]) => key !== 'searchMail')), mail: 'MeganB@contoso.com' },
    ],
    ['licence removed', { id: 'u1', assignedPlans: [] }, { ...stored, exchangeLicensed: false }],
    ['licences alone do not change the stored answer', { id: 'u1', assignedLicenses: [] }, stored],
    ['disabled', { id: 'u1', accountEnabled: false }, { ...stored, accountEnabled: false }],
  ])('merges a partial update (%s) with the stored record', (_, item, expected) => {
    expect(mapUser(T, item, stored)).toStrictEqual(expected);
  });
  it('takes a user stored with a mail search key of old (empty, or the sign-in name) as unchanged', () => {
    const mapped = mapUser(T, { id: 'u2', displayName: 'Adele', userPrincipalName: 'Adele@x.com', mail: 'adele@X.com' });
    expect(mapped.searchMail).toBeUndefined();
    expect(sameRecord({ ...mapped, searchMail: 'adele@x.com' }, mapped)).toBe(true);
    const noMail = mapUser(T, { id: 'u3', displayName: 'Bo', userPrincipalName: 'bo@x.com', mail: null });
    expect(sameRecord({ ...noMail, searchMail: '' }, noMail)).toBe(true);
    expect(sameRecord({ ...noMail, searchMail: 'other@x.com' }, noMail)).toBe(false);
  });

  it('leaves exchangeLicensed out when Graph does not say', () => {
    expect(mapUser(T, { id: 'u2', displayName: 'X', userPrincipalName: 'x@y' })).not.toHaveProperty('exchangeLicensed');
  });
});

describe('mapGroup', () => {
  it.each([
    [
      { id: 'g1', displayName: 'Sales Team', mail: 'Sales@x.com' },
      undefined,
      { displayName: 'Sales Team', mail: 'Sales@x.com', searchName: 'sales team' },
    ],
    [{ id: 'g1' }, { tenantId: T, id: 'g1', displayName: 'Old', searchName: 'old' }, { displayName: 'Old', searchName: 'old' }],
    [
      { id: 'g1', mail: null },
      { tenantId: T, id: 'g1', displayName: 'Old', mail: 'o@x', searchName: 'old' },
      { displayName: 'Old', searchName: 'old' },
    ],
  ])('maps %j over %j', (item, before, expected) => {
    expect(mapGroup(T, item, before)).toStrictEqual({ tenantId: T, id: 'g1', ...expected });
  });
});

describe('sameRecord', () => {
  it.each([
    [undefined, { a: 1 }, false],
    [{ a: 1 }, { a: 1 }, true],
    [{ a: 1 }, { a: 2 }, false],
    [{ a: 1, b: true }, { a: 1 }, false],
    [{ a: 1 }, { a: 1, b: true }, false],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(sameRecord(a, b)).toBe(expected);
  });
});
