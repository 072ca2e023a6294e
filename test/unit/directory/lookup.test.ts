import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDB } from '../../../lib/db/app-db';
import type { DirectoryUser, TenantRecord } from '../../../lib/db/types';
import { countUsers, groupKey, lookupUsers, readGroupNames } from '../../../lib/directory/lookup';
import { dexieReader } from '../../../lib/db/record-reader';
import { objectRow, membershipRow } from '../../../lib/db/keys';
import { searchMailOf } from '../../../lib/sync/map';

let db: AppDB;
const tenantRecord = (tenantId: string, displayName: string, syncScope: TenantRecord['syncScope'] = { mode: 'all' }): TenantRecord => ({
  tenantId,
  displayName,
  domain: `${tenantId}.example`,
  cloud: 'worldwide',
  clientId: 'client',
  syncScope,
  createdAt: 0,
});
const user = (tenantId: string, id: string, displayName: string, upn: string, mail?: string, exchangeLicensed?: boolean): DirectoryUser => {
  const searchMail = searchMailOf(upn.toLowerCase(), mail);
  return {
    tenantId,
    id,
    displayName,
    userPrincipalName: upn,
    mail,
    exchangeLicensed,
    searchName: displayName.toLowerCase(),
    searchUpn: upn.toLowerCase(),
    ...(searchMail !== undefined && { searchMail }),
  };
};

beforeEach(async () => {
  db = new AppDB(`lookup-${Math.random()}`);
  await db.tenants.bulkPut([
    tenantRecord('t1', 'Contoso'),
    tenantRecord('t2', 'Fabrikam', { mode: 'selected', userIds: ['u-listed'], groupIds: ['g-pilot'] }),
  ]);
  await db.users.bulkPut(
    [
      user('t1', 'u1', 'Megan Bowen', 'MeganB@contoso.com', 'megan.bowen@contoso.com', true),
      user('t1', 'u2', 'Alex Wilber', 'AlexW@contoso.com', 'alex@contoso.com', false),
      user('t1', 'u3', 'Adele Vance', 'adele@contoso.com', undefined, undefined),
      user('t1', 'u4', 'Bo Mail', 'bo@contoso.com', 'meg.mail@contoso.com', true),
      user('t2', 'u-listed', 'Megan Listed', 'megan@fabrikam.com', 'megan@fabrikam.com', true),
      user('t2', 'u-member', 'Megan Member', 'member@fabrikam.com'),
      user('t2', 'u-out', 'Megan Outside', 'outside@fabrikam.com'),
    ].map(objectRow),
  );
  await db.groups.bulkPut(
    [
      { tenantId: 't1', id: 'g1', displayName: 'Sales', searchName: 'sales' },
      { tenantId: 't1', id: 'g2', displayName: 'All Staff', searchName: 'all staff' },
      { tenantId: 't2', id: 'g-pilot', displayName: 'Pilot', searchName: 'pilot' },
    ].map(objectRow),
  );
  await db.memberOf.bulkPut(
    [
      { tenantId: 't1', groupId: 'g1', userId: 'u1' },
      { tenantId: 't1', groupId: 'g2', userId: 'u1' },
      { tenantId: 't1', groupId: 'g2', userId: 'u2' },
      { tenantId: 't2', groupId: 'g-pilot', userId: 'u-member' },
    ].map(membershipRow),
  );
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const names = (matches: Array<{ displayName: string }>) => matches.map((m) => m.displayName);

describe('lookupUsers', () => {
  it.each([
    ['a name prefix, any case', 'MEGAN B', ['Megan Bowen']],
    ['a sign-in name prefix', 'alexw@', ['Alex Wilber']],
    ['a mail prefix', 'meg.mail', ['Bo Mail']],
    ['spaces around the query', '  adele ', ['Adele Vance']],
  ])('finds users by %s', async (_, query, expected) => {
    expect(names(await lookupUsers(db, query, { tenantId: 't1' }))).toEqual(expected);
  });

  it('finds a user by their mail where it is their sign-in name (no mail search key is kept for it)', async () => {
    expect(names(await lookupUsers(db, 'MEGAN@FAB', { tenantId: 't2' }))).toEqual(['Megan Listed']);
    expect(names(await lookupUsers(db, 'megan@fab'))).toEqual(['Megan Listed']);
  });

  it('lists a user matched by name, sign-in name and mail once', async () => {
    expect(names(await lookupUsers(db, 'megan', { tenantId: 't1' }))).toEqual(['Megan Bowen']);
  });

  it('searches every tenant unless one is selected, and matches nothing for an empty query', async () => {
    expect(names(await lookupUsers(db, 'megan'))).toEqual(['Megan Bowen', 'Megan Listed', 'Megan Member', 'Megan Outside']);
    expect(names(await lookupUsers(db, 'megan', { tenantId: 't2' }))).toEqual(['Megan Listed', 'Megan Member', 'Megan Outside']);
    expect(await lookupUsers(db, '   ')).toEqual([]);
    expect(await lookupUsers(db, 'zz')).toEqual([]);
  });

  it('says whether a user has a mailbox, their groups, and their tenant', async () => {
    const [megan] = await lookupUsers(db, 'meganb');
    expect(megan).toMatchObject({
      tenantName: 'Contoso',
      exchangeLicensed: true,
      groups: ['All Staff', 'Sales'],
      mail: 'megan.bowen@contoso.com',
    });
    const [alex] = await lookupUsers(db, 'alex');
    expect(alex).toMatchObject({ exchangeLicensed: false, groups: ['All Staff'] });
    const [adele] = await lookupUsers(db, 'adele');
    expect(adele).toMatchObject({ exchangeLicensed: undefined, groups: [] });
  });

  it('answers the same from the group names read once when the lookup opens', async () => {
    const groupNames = await readGroupNames(db);
    expect(groupNames.get(groupKey('t1', 'g1'))).toBe('Sales');
    for (const query of ['megan', 'alex', 'adele', 'zz']) {
      expect(await lookupUsers(db, query, { groupNames })).toEqual(await lookupUsers(db, query));
    }
  });

  it('tells who is in scope: everyone in "all"; listed users and members of selected groups in "selected"', async () => {
    const scope = Object.fromEntries((await lookupUsers(db, 'megan')).map((m) => [m.displayName, m.inScope]));
    expect(scope).toEqual({ 'Megan Bowen': true, 'Megan Listed': true, 'Megan Member': true, 'Megan Outside': false });
  });

  it('stops at the limit', async () => {
    await db.users.bulkPut(
      Array.from({ length: 50 }, (_, i) => user('t1', `x${i}`, `Zed ${String(i).padStart(2, '0')}`, `zed${i}@contoso.com`)).map(objectRow),
    );
    const found = await lookupUsers(db, 'zed');
    expect(found).toHaveLength(20);
    expect(found[0]!.displayName).toBe('Zed 00');
    expect(await lookupUsers(db, 'zed', { limit: 5 })).toHaveLength(5);
  });

  it("counts the limit within the chosen tenant: other tenants' matches ahead of its own do not crowd them out", async () => {
    await db.users.bulkPut(
      [
        ...Array.from({ length: 30 }, (_, i) => user('t2', `y${i}`, `Zed A${String(i).padStart(2, '0')}`, `zed-a${i}@fabrikam.com`)),
        user('t1', 'z1', 'Zed B1', 'zed-b1@contoso.com'),
        user('t1', 'z2', 'Zed B2', 'zed-b2@contoso.com'),
      ].map(objectRow),
    );
    expect(names(await lookupUsers(db, 'zed', { tenantId: 't1' }))).toEqual(['Zed B1', 'Zed B2']);
    expect(names(await lookupUsers(db, 'zed-b', { tenantId: 't2' }))).toEqual([]);
    expect(names(await lookupUsers(db, 'zed', { tenantId: 't2', limit: 3 }))).toEqual(['Zed A00', 'Zed A01', 'Zed A02']);
  });

  it('finds nothing in a tenant the console does not list', async () => {
    expect(await lookupUsers(db, 'megan', { tenantId: 't9' })).toEqual([]);
  });
});

describe('countUsers', () => {
  it("counts one tenant's mirror only", async () => {
    expect(await countUsers(dexieReader(db), 't1')).toBe(4);
    expect(await countUsers(dexieReader(db), 't2')).toBe(3);
    expect(await countUsers(dexieReader(db), 't3')).toBe(0);
  });
});
