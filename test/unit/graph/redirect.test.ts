// A hostile or compromised Graph answering with a redirect to another host must not get the tenant's token sent
// there. Two real HTTP servers on loopback play Graph (answering 302/307 to the other) and the foreign host (recording
// what reaches it); the requests go through the platform's real fetch (Node's, which follows the Fetch standard like
// the browser's). Only the scheme is lowered to http on the way out: the host guard insists on https, and a test
// certificate would have to be trusted process-wide; redirect handling does not depend on the scheme.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGraphClient } from '../../../lib/graph/client';
import { RETRY_BUDGETS } from '../../../lib/graph/retry';
import { createGraphTransport, graphRequest } from '../../../lib/graph/transport';

const TOKEN = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0In0.secret-signature';

interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
}

function listen(answer: (path: string, res: import('node:http').ServerResponse) => void, seen: Seen[]): Promise<Server> {
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    answer(req.url ?? '', res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
const portOf = (server: Server) => (server.address() as AddressInfo).port;

let graph: Server;
let foreign: Server;
const graphSeen: Seen[] = [];
const foreignSeen: Seen[] = [];
let redirectStatus = 302;

beforeAll(async () => {
  foreign = await listen((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"value":[]}'), foreignSeen);
  graph = await listen((path, res) => {
    res.writeHead(redirectStatus, { location: `http://127.0.0.1:${portOf(foreign)}/steal${path}` }).end();
  }, graphSeen);
});
afterAll(() => {
  graph.close();
  foreign.close();
});
afterEach(() => {
  vi.unstubAllGlobals();
  graphSeen.length = 0;
  foreignSeen.length = 0;
});

/** The real fetch, reached over http; `override` changes the options the client chose (for the control case). */
function platformFetch(override: RequestInit = {}) {
  const realFetch = globalThis.fetch;
  return vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return realFetch(url.replace(/^https:/, 'http:'), { ...init, ...override });
  });
}

function client() {
  return createGraphClient({ graphHost: `https://127.0.0.1:${portOf(graph)}`, getAccessToken: () => Promise.resolve(TOKEN) });
}

/** The transport every Graph call goes through, on the same client chain; waits between attempts return at once. */
function transport() {
  return createGraphTransport({
    graphHost: `https://127.0.0.1:${portOf(graph)}`,
    getAccessToken: () => Promise.resolve(TOKEN),
    sleep: () => Promise.resolve(),
  });
}

describe('a Graph answer that redirects to another host', () => {
  it.each([302, 307])('(%i) is not followed: the foreign host receives nothing, and the call fails', async (status) => {
    redirectStatus = status;
    const fetch = platformFetch();
    vi.stubGlobal('fetch', fetch);
    const failure = await graphRequest(transport(), { url: '/users/delta', what: 'the users' }, 'picker').then(
      () => undefined,
      (error: unknown) => error as { code?: string },
    );
    // A refused redirect is a failed fetch: retried as a dropped connection within the budget, then graph_unavailable.
    expect(failure?.code).toBe('graph_unavailable');
    expect(JSON.stringify(failure)).not.toContain(TOKEN);
    expect(graphSeen).toHaveLength(RETRY_BUDGETS.picker.transientAttempts);
    expect(graphSeen[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(foreignSeen).toEqual([]);
    expect(fetch.mock.calls[0]?.[1]?.redirect).toBe('error');
  });

  it('would reach the foreign host if fetch were left to follow redirects (the control case)', async () => {
    redirectStatus = 307;
    vi.stubGlobal('fetch', platformFetch({ redirect: 'follow' }));
    await client()
      .api('/users/delta')
      .get()
      .catch(() => undefined);
    expect(foreignSeen.map((s) => s.path)).toEqual(['/steal/v1.0/users/delta']);
  });
});
