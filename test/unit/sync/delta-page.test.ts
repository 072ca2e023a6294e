import { describe, expect, it } from 'vitest';
import { parseListPage } from '../../../lib/graph/list-page';
import { parseDeltaPage } from '../../../lib/sync/delta-page';
import { phrase } from '../../../lib/errors/phrase';

const HOST = 'https://graph.microsoft.com';
const NEXT = `${HOST}/v1.0/users/delta?$skiptoken=abc`;
const DELTA = `${HOST}/v1.0/users/delta?$deltatoken=xyz`;
const page = (value: unknown, links: Record<string, unknown> = { '@odata.nextLink': NEXT }) => JSON.stringify({ value, ...links });

describe('parseDeltaPage', () => {
  it('reads present objects, removals, and member changes of groups (users only)', () => {
    const body = page(
      [
        {
          id: 'g1',
          displayName: 'Sales',
          'members@delta': [
            { '@odata.type': '#microsoft.graph.user', id: 'u1' },
            { id: 'u2', '@removed': { reason: 'deleted' } },
            { '@odata.type': '#microsoft.graph.group', id: 'g9' },
          ],
        },
        { id: 'g2', '@removed': { reason: 'changed' } },
      ],
      { '@odata.deltaLink': DELTA },
    );
    expect(parseDeltaPage(body, 'groups', HOST)).toEqual({
      deltaLink: DELTA,
      items: [
        {
          id: 'g1',
          removed: false,
          object: expect.objectContaining({ id: 'g1', displayName: 'Sales' }) as unknown,
          members: [
            { userId: 'u1', removed: false },
            { userId: 'u2', removed: true },
          ],
        },
        { id: 'g2', removed: true },
      ],
    });
  });

  it('ignores members@delta on users', () => {
    const parsed = parseDeltaPage(page([{ id: 'u1', 'members@delta': 'nonsense' }]), 'users', HOST);
    expect(parsed.items[0]).not.toHaveProperty('members');
    expect(parsed.nextLink).toBe(NEXT);
  });

  it.each([
    ['{"value":[{"id":"', 'graph_malformed_page', 'sync_pageNotJson'],
    [JSON.stringify({ '@odata.nextLink': NEXT }), 'graph_malformed_page', 'sync_pageNoList'],
    [JSON.stringify([]), 'graph_malformed_page', 'sync_pageNoList'],
    [page([], {}), 'graph_malformed_page', 'sync_pageNoLink'],
    [page([], { '@odata.nextLink': NEXT, '@odata.deltaLink': DELTA }), 'graph_malformed_page', 'sync_pageBothLinks'],
    [page([], { '@odata.nextLink': 42 }), 'graph_malformed_page', 'sync_pageNextLinkNotText'],
    [page([{ displayName: 'no id' }]), 'graph_malformed_page', 'sync_pageObjectWithoutId'],
    [page([{ id: '' }]), 'graph_malformed_page', 'sync_pageObjectWithoutId'],
    [page([{ id: 'g', 'members@delta': {} }]), 'graph_malformed_page', 'sync_pageMembersNotList'],
    [page([{ id: 'g', 'members@delta': [{}] }]), 'graph_malformed_page', 'sync_pageMemberWithoutId'],
    [page([], { '@odata.nextLink': 'https://evil.example/v1.0/users/delta?$skiptoken=a' }), 'graph_host_not_allowed', 'evil.example'],
    [page([], { '@odata.deltaLink': 'http://graph.microsoft.com/v1.0/users/delta' }), 'graph_host_not_allowed', 'graph.microsoft.com'],
  ] as const)('refuses %s with %s', (body, code, why) => {
    const resource = body.includes('members@delta') ? 'groups' : 'users';
    // The error carries what was wrong as data: a message key for a bad page, the host for a refused link.
    const detail = code === 'graph_malformed_page' ? phrase('sync_pageProblem', resource, phrase(why)) : why;
    expect(() => parseDeltaPage(body, resource, HOST)).toThrow(expect.objectContaining({ code, detail }));
  });
});

describe('parseListPage', () => {
  it.each([
    [JSON.stringify({ value: [{ id: 'a' }] }), { value: [{ id: 'a' }] }],
    [JSON.stringify({ value: [], '@odata.nextLink': NEXT }), { value: [], nextLink: NEXT }],
  ])('reads %s', (body, expected) => {
    expect(parseListPage(body, 'audits', HOST)).toEqual(expected);
  });

  it.each([
    ['nope', 'graph_malformed_page'],
    [JSON.stringify({ value: [1] }), 'graph_malformed_page'],
    [JSON.stringify({ value: [], '@odata.nextLink': 'https://elsewhere.example/x' }), 'graph_host_not_allowed'],
  ])('refuses %s', (body, code) => {
    expect(() => parseListPage(body, 'audits', HOST)).toThrow(expect.objectContaining({ code }));
  });
});
