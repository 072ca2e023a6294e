import { describe, expect, it } from 'vitest';
import { IN_FILTER_MAX, selectedRequests } from '../../../lib/sync/selected';

const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('selectedRequests', () => {
  it.each([
    [0, 0, []],
    [1, 0, ['users-0']],
    [15, 0, ['users-0']],
    [16, 0, ['users-0', 'users-1']],
    [100, 0, ['users-0', 'users-1', 'users-2', 'users-3', 'users-4', 'users-5', 'users-6']],
    [3, 2, ['users-0', 'groups-0', 'members-g0', 'members-g1']],
  ])('%i users and %i groups → %j', (users, groups, expected) => {
    expect(selectedRequests({ mode: 'selected', userIds: ids(users, 'u'), groupIds: ids(groups, 'g') }).map((r) => r.id)).toEqual(expected);
  });

  it('filters by id, 15 at most, with the product fields, and reads members as users', () => {
    const [users, groups, members] = selectedRequests({ mode: 'selected', userIds: ["o'brien", 'u2', 'u2'], groupIds: ['g1'] });
    expect(decodeURIComponent(users!.url)).toBe(
      "/users?$filter=id in ('o''brien','u2')&$select=id,displayName,userPrincipalName,mail,accountEnabled,assignedPlans",
    );
    expect(decodeURIComponent(groups!.url)).toBe("/groups?$filter=id in ('g1')&$select=id,displayName,mail");
    expect(members!.url).toBe(
      '/groups/g1/members/microsoft.graph.user?$select=id,displayName,userPrincipalName,mail,accountEnabled,assignedPlans&$top=999',
    );
    expect(IN_FILTER_MAX).toBe(15);
  });
});
