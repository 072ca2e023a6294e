import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopesFor } from '../../../lib/connectors/services';
import { searchDirectory } from '../../../lib/graph/search-directory';
import { createGraphTransport, type GraphTransport, graphGet } from '../../../lib/graph/transport';
import { acquireTokens } from '../../emulator/test-support.ts';
import { startTestTenant, type TestTenant } from '../sync/harness';

// The picker's search against the local tenant, which reads the query string the way a server does (percent-decoding,
// `&` between parameters, `#` ending the URL) and parses `$filter` string literals as OData does (a quote inside a
// literal is written twice). Microsoft: concepts/query-parameters.md, "Encoding query parameters" and "Escaping single
// quotes" (microsoftgraph/microsoft-graph-docs-contrib).

let t: TestTenant;
let transport: GraphTransport;

/** Names that break a query built without encoding or escaping, each beside a look-alike that must not match. */
const PEOPLE = [
  "O'Brien, Siobhan",
  'OBrien Look-alike',
  'R&D Lab',
  'R Dlab Look-alike',
  '#1 Support',
  '100% Sales',
  '100 Sales Look-alike',
  '100%25 Literal',
  'A+B Team',
  'A B Team Look-alike',
];

beforeAll(async () => {
  t = await startTestTenant({ users: 5, groups: 1 });
  PEOPLE.forEach((displayName, index) => t.tenant.control.addUser({ displayName, mailNickname: `picker${index}` }));
  t.tenant.control.addGroup({ displayName: "R&D #2 'Core' 100%" });
  let token: Promise<string> | undefined;
  transport = createGraphTransport({
    graphHost: t.tenant.graphBaseUrl,
    getAccessToken: () =>
      (token ??= acquireTokens(t.tenant, {
        authority: t.org.tenantId,
        username: t.org.admin.userPrincipalName,
        password: t.org.admin.password,
        scopes: scopesFor(['exchange']),
      }).then(({ tokens }) => tokens.access_token)),
  });
}, 30_000);
afterAll(() => t.close());

const names = async (query: string) => (await searchDirectory(transport, query)).map((match) => match.displayName).sort();

describe('the picker finds people whose names hold URL and OData syntax', () => {
  it.each<[string, string[]]>([
    ["O'B", ["O'Brien, Siobhan"]],
    ["o'brien, s", ["O'Brien, Siobhan"]],
    ['R&D', ["R&D #2 'Core' 100%", 'R&D Lab']],
    ['R&D #2', ["R&D #2 'Core' 100%"]],
    ["R&D #2 'Core' 100%", ["R&D #2 'Core' 100%"]],
    ['#1', ['#1 Support']],
    ['100%', ['100% Sales', '100%25 Literal']],
    ['100%25', ['100%25 Literal']],
    ['A+B', ['A+B Team']],
  ])('%s finds %j and no look-alike', async (query, expected) => {
    expect(await names(query)).toEqual([...expected].sort());
  });

  it('sends each query as one $filter value, the quote doubled inside the literal', async () => {
    t.tenant.control.clearRequests();
    await names("O'B&#%+");
    const users = t.tenant.control.requests().filter((r) => r.path === '/v1.0/users');
    expect(users).toHaveLength(1);
    const filter = new URLSearchParams(users[0]!.query).get('$filter');
    expect(filter).toBe("startswith(displayName,'O''B&#%+') or startswith(userPrincipalName,'O''B&#%+')");
  });
});

describe('the local tenant reads a query as Graph does', () => {
  it('refuses a literal whose quote is not doubled, as a syntax error', async () => {
    const raw = `/users?$filter=${encodeURIComponent("startswith(displayName,'O'Brien')")}`;
    await expect(graphGet(transport, raw, { what: 'users', budget: 'picker' })).rejects.toMatchObject({ status: 400 });
  });

  it('splits an unencoded & into another parameter, leaving the literal unterminated', async () => {
    await expect(
      graphGet(transport, "/users?$filter=startswith(displayName,'R&D')", { what: 'users', budget: 'picker' }),
    ).rejects.toMatchObject({
      status: 400,
    });
  });
});
