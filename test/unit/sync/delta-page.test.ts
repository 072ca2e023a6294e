import { describe, expect, it } from 'vitest';
import { parseDeltaPage, parseListPage } from '../../../lib/sync/delta-page';

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
    ['{"value":[{"id":"', 'graph_malformed_page', 'users: the answer is not complete JSON'],
    [JSON.stringify({ '@odata.nextLink': NEXT }), 'graph_malformed_page', 'users: the answer has no list of objects'],
    [JSON.stringify([]), 'graph_malformed_page', 'users: the answer has no list of objects'],
    [page([], {}), 'graph_malformed_page', 'neither a next page nor an end-of-sync link'],
    [page([], { '@odata.nextLink': NEXT, '@odata.deltaLink': DELTA }), 'graph_malformed_page', 'both a next page and an end-of-sync link'],
    [page([], { '@odata.nextLink': 42 }), 'graph_malformed_page', 'the next-page link is not text'],
    [page([{ displayName: 'no id' }]), 'graph_malformed_page', 'an object without an id'],
    [page([{ id: '' }]), 'graph_malformed_page', 'an object without an id'],
    [page([{ id: 'g', 'members@delta': {} }]), 'graph_malformed_page', 'member changes are not a list'],
    [page([{ id: 'g', 'members@delta': [{}] }]), 'graph_malformed_page', 'a member change without an id'],
    [page([], { '@odata.nextLink': 'https://evil.example/v1.0/users/delta?$skiptoken=a' }), 'graph_host_not_allowed', 'evil.example'],
    [page([], { '@odata.deltaLink': 'http://graph.microsoft.com/v1.0/users/delta' }), 'graph_host_not_allowed', 'graph.microsoft.com'],
  ])('refuses %s with %s', (body, code, words) => {
    const resource = body.includes('members@delta') ? 'groups' : 'users';
    expect(() => parseDeltaPage(body, resource, HOST)).toThrow(
      expect.objectContaining({ code, message: expect.stringContaining(words) as unknown }),
    );
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
