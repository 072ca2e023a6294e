import { describe, expect, it } from 'vitest';
import type { SyncCheckpoint, SyncScope } from '../../../lib/db/types';
import { DELTA_LINK_LIFETIME_MS, planSync } from '../../../lib/sync/plan';

const NOW = 1_800_000_000_000;
const all: SyncScope = { mode: 'all' };
const cp = (resource: 'users' | 'groups', fields: Partial<SyncCheckpoint>): SyncCheckpoint => ({
  tenantId: 't',
  resource,
  updatedAt: NOW - 1000,
  ...fields,
});
const delta = (resource: 'users' | 'groups', age = 1000) =>
  cp(resource, { deltaLink: `https://g/${resource}/delta?$deltatoken=d`, deltaLinkAt: NOW - age });

describe('planSync', () => {
  it.each([
    [
      'nothing stored: a full read of both',
      {},
      all,
      {
        kind: 'full',
        steps: [
          { resource: 'users', mode: 'full' },
          { resource: 'groups', mode: 'full' },
        ],
      },
    ],
    [
      'both deltaLinks fresh: an increment',
      { users: delta('users'), groups: delta('groups') },
      all,
      {
        kind: 'incremental',
        steps: [
          { resource: 'users', mode: 'incremental', link: 'https://g/users/delta?$deltatoken=d' },
          { resource: 'groups', mode: 'incremental', link: 'https://g/groups/delta?$deltatoken=d' },
        ],
      },
    ],
    [
      'an interrupted full round resumes from its nextLink',
      { users: cp('users', { nextLink: 'https://g/next', roundKind: 'full', roundId: 'r' }) },
      all,
      {
        kind: 'full',
        steps: [
          { resource: 'users', mode: 'resume', roundKind: 'full', link: 'https://g/next' },
          { resource: 'groups', mode: 'full' },
        ],
      },
    ],
    [
      'an interrupted increment resumes as an increment',
      { users: cp('users', { nextLink: 'https://g/next', roundKind: 'incremental' }), groups: delta('groups') },
      all,
      {
        kind: 'incremental',
        steps: [
          { resource: 'users', mode: 'resume', roundKind: 'incremental', link: 'https://g/next' },
          { resource: 'groups', mode: 'incremental', link: 'https://g/groups/delta?$deltatoken=d' },
        ],
      },
    ],
    [
      'a deltaLink older than 7 days: a full read (Graph would refuse it)',
      { users: delta('users', DELTA_LINK_LIFETIME_MS), groups: delta('groups') },
      all,
      {
        kind: 'full',
        steps: [
          { resource: 'users', mode: 'full' },
          { resource: 'groups', mode: 'incremental', link: 'https://g/groups/delta?$deltatoken=d' },
        ],
      },
    ],
    [
      'a deltaLink without its issue time falls back to updatedAt',
      { users: cp('users', { deltaLink: 'https://g/u', updatedAt: NOW - DELTA_LINK_LIFETIME_MS - 1 }), groups: delta('groups') },
      all,
      {
        kind: 'full',
        steps: [
          { resource: 'users', mode: 'full' },
          { resource: 'groups', mode: 'incremental', link: 'https://g/groups/delta?$deltatoken=d' },
        ],
      },
    ],
    [
      'selected scope: whatever is stored',
      { users: delta('users') },
      { mode: 'selected', userIds: ['u'], groupIds: [] },
      { kind: 'selected' },
    ],
  ] as const)('%s', (_, checkpoints, scope, expected) => {
    expect(planSync(checkpoints, scope as SyncScope, NOW)).toEqual(expected);
  });
});
