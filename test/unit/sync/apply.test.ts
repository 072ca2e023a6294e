import { describe, expect, it } from 'vitest';
import type { DirectoryGroup, DirectoryUser } from '../../../lib/db/types';
import { applyDeltaPage, readsFor, type StoredState } from '../../../lib/sync/apply';
import type { DeltaItem } from '../../../lib/sync/delta-page';
import { mapGroup, mapUser } from '../../../lib/sync/map';

const T = 't1';
const userJson = (id: string, name = `User ${id}`) => ({
  id,
  displayName: name,
  userPrincipalName: `${id}@x.com`,
  mail: `${id}@x.com`,
  accountEnabled: true,
});
const present = (object: { id: string } & Record<string, unknown>, members?: Array<[string, boolean]>): DeltaItem => ({
  id: object.id,
  removed: false,
  object,
  ...(members ? { members: members.map(([userId, removed]) => ({ userId, removed })) } : {}),
});
const removed = (id: string): DeltaItem => ({ id, removed: true });
const user = (id: string, name?: string): DirectoryUser => mapUser(T, userJson(id, name));
const group = (id: string, name = `Group ${id}`): DirectoryGroup => mapGroup(T, { id, displayName: name });

function stored(users: DirectoryUser[] = [], groups: DirectoryGroup[] = [], memberships: Array<[string, string]> = []): StoredState {
  return {
    users: new Map(users.map((u) => [u.id, u])),
    groups: new Map(groups.map((g) => [g.id, g])),
    memberships: memberships.reduce((map, [g, u]) => map.set(g, (map.get(g) ?? new Set<string>()).add(u)), new Map<string, Set<string>>()),
  };
}

describe('applyDeltaPage on users', () => {
  it.each([
    [
      'adds new users',
      [present(userJson('a')), present(userJson('b'))],
      stored(),
      { putUsers: [user('a'), user('b')], seenIds: ['a', 'b'] },
    ],
    ['skips unchanged users (never written twice)', [present(userJson('a'))], stored([user('a')]), { putUsers: [], seenIds: ['a'] }],
    [
      'writes changed users',
      [present(userJson('a', 'New Name'))],
      stored([user('a')]),
      { putUsers: [user('a', 'New Name')], seenIds: ['a'] },
    ],
    [
      'removes deleted users and counts the ones it had',
      [removed('a'), removed('zz')],
      stored([user('a')]),
      { removeUserIds: ['a', 'zz'], usersRemoved: 1, seenIds: [] },
    ],
    [
      'takes the last state of an object seen twice',
      [removed('a'), present(userJson('a', 'Back'))],
      stored([user('a')]),
      { putUsers: [user('a', 'Back')], removeUserIds: [], usersRemoved: 0, seenIds: ['a'] },
    ],
    [
      'a later removal wins',
      [present(userJson('a', 'X')), removed('a')],
      stored(),
      { putUsers: [], removeUserIds: ['a'], usersRemoved: 0, seenIds: [] },
    ],
  ])('%s', (_, items, state, expected) => {
    expect(applyDeltaPage(T, 'users', items, state)).toEqual(expect.objectContaining(expected));
  });
});

describe('applyDeltaPage on groups', () => {
  it.each([
    [
      'adds a group with its members',
      [
        present({ id: 'g', displayName: 'Group g' }, [
          ['a', false],
          ['b', false],
        ]),
      ],
      stored(),
      {
        putGroups: [group('g')],
        putMemberships: [
          { tenantId: T, groupId: 'g', userId: 'a' },
          { tenantId: T, groupId: 'g', userId: 'b' },
        ],
        seenMembers: new Map([['g', ['a', 'b']]]),
      },
    ],
    [
      'adds only missing memberships, removes only existing ones',
      [
        present({ id: 'g', displayName: 'Group g' }, [
          ['a', false],
          ['b', true],
          ['c', true],
        ]),
      ],
      stored(
        [],
        [group('g')],
        [
          ['g', 'a'],
          ['g', 'b'],
        ],
      ),
      {
        putGroups: [],
        putMemberships: [],
        removeMemberships: [{ tenantId: T, groupId: 'g', userId: 'b' }],
        seenMembers: new Map([['g', ['a']]]),
      },
    ],
    [
      'a membership-only change keeps the stored group as it is',
      [present({ id: 'g' }, [['a', false]])],
      stored([], [group('g', 'Kept')]),
      { putGroups: [], putMemberships: [{ tenantId: T, groupId: 'g', userId: 'a' }], seenIds: ['g'] },
    ],
    [
      'a group whose members span entries collects them all',
      [present({ id: 'g', displayName: 'Group g' }, [['a', false]]), present({ id: 'g', displayName: 'Group g' }, [['b', false]])],
      stored(),
      { putGroups: [group('g')], seenMembers: new Map([['g', ['a', 'b']]]), seenIds: ['g'] },
    ],
    [
      'a removed group drops its member changes (the shell removes its memberships)',
      [present({ id: 'g', displayName: 'Group g' }, [['a', false]]), removed('g')],
      stored([], [group('g')]),
      { putGroups: [], putMemberships: [], removeGroupIds: ['g'], groupsRemoved: 1, seenMembers: new Map() },
    ],
  ])('%s', (_, items, state, expected) => {
    expect(applyDeltaPage(T, 'groups', items, state)).toEqual(expect.objectContaining(expected));
  });
});

describe('readsFor', () => {
  it('lists each object and membership a page mentions once', () => {
    const items = [
      present({ id: 'g' }, [
        ['a', false],
        ['a', true],
      ]),
      present({ id: 'g' }, [['b', false]]),
      removed('h'),
    ];
    expect(readsFor(items)).toEqual({ ids: ['g', 'h'], memberships: new Map([['g', new Set(['a', 'b'])]]) });
  });
});

describe('the ids a page removes', () => {
  it.each([
    ['none', [present(userJson('a'))], []],
    ['a removal', [present(userJson('a')), removed('b')], ['b']],
    ['removed, then back in the same page', [removed('a'), present(userJson('a'))], []],
    ['back, then removed again', [present(userJson('a')), removed('a'), removed('c')], ['a', 'c']],
  ])('%s: those whose last item is @removed', (_, items, expected) => {
    expect(applyDeltaPage(T, 'users', items, stored()).removeUserIds).toEqual(expected);
  });
});
