import { describe, expect, it } from 'vitest';
import type { RoundState } from '../../../lib/sync/commit';
import { initialDeltaUrl, isResyncAnswer, runProgress, type RunContext } from '../../../lib/sync/delta-round';

const answer = (status: number, code?: string) => ({
  status,
  headers: new Headers(),
  body: JSON.stringify(code ? { error: { code, message: 'x' } } : {}),
});

describe('isResyncAnswer', () => {
  it.each([
    [answer(410, 'resyncRequired'), true],
    [answer(410, 'syncStateNotFound'), true],
    [answer(410), true],
    [answer(400, 'syncStateNotFound'), true],
    [answer(400, 'SyncStateNotFound'), true],
    [answer(400, 'Request_BadRequest'), false],
    [answer(404, 'syncStateNotFound'), false],
    [{ status: 400, headers: new Headers(), body: 'not json' }, false],
  ])('%j → %s', (given, expected) => {
    expect(isResyncAnswer(given)).toBe(expected);
  });
});

describe('initialDeltaUrl', () => {
  it.each([
    ['users', '/users/delta?$select=id,displayName,userPrincipalName,mail,accountEnabled,assignedPlans'],
    ['groups', '/groups/delta?$select=id,displayName,mail,members'],
  ] as const)('%s → %s', (resource, url) => {
    expect(initialDeltaUrl(resource)).toBe(url);
  });
});

describe('runProgress', () => {
  const round = (resource: 'users' | 'groups', done: number, total?: number): RoundState => ({
    resource,
    roundKind: total === undefined ? 'incremental' : 'full',
    pages: 1,
    done,
    ...(total !== undefined ? { total } : {}),
  });
  it.each([
    [{}, undefined, { done: 0, total: 0 }],
    [{ users: round('users', 100, 400), groups: round('groups', 0, 30) }, 'users', { done: 100, total: 430, resource: 'users' }],
    [{ users: round('users', 400, 400), groups: round('groups', 3) }, 'groups', { done: 403, resource: 'groups' }],
  ] as const)('%j', (rounds, resource, expected) => {
    expect(runProgress({ rounds } as unknown as RunContext, resource)).toEqual(expected);
  });
});
