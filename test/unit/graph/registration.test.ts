import type { Client } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { MICROSOFT_GRAPH_APP_ID, readRegistration } from '../../../lib/graph/registration';
import { RETRY_BUDGETS } from '../../../lib/graph/retry';
import type { GraphTransport } from '../../../lib/graph/transport';

const CLIENT_ID = '0b8f3c2e-5d71-4a9e-9f2a-1c3d5e7f9a0b';
const REDIRECT = 'https://iaoafjmjbhidbadlbfodfadofaghkmon.chromiumapp.org/';

const denied = { status: 403 };

/**
 * A stand-in for the Graph client under the transport: each request (path + decoded $filter, or a whole link) gets
 * the answer its key names (`{ status }`: that error), or a 404.
 */
function fakeGraph(answers: Record<string, unknown>): { client: GraphTransport; asked: string[] } {
  const asked: string[] = [];
  const graph = {
    api(url: string) {
      const request = {
        responseType: () => request,
        headers: () => request,
        get() {
          const parsed = new URL(url, 'https://graph.microsoft.com/v1.0/');
          const filter = parsed.searchParams.get('$filter');
          const key = url.startsWith('https:')
            ? url
            : filter
              ? `${parsed.pathname.replace('/v1.0', '')}?${filter}`
              : parsed.pathname.replace('/v1.0', '');
          asked.push(key);
          const answer = key in answers ? answers[key] : { status: 404 };
          const status = typeof answer === 'object' && answer !== null && 'status' in answer ? (answer as { status: number }).status : 200;
          return Promise.resolve(new Response(JSON.stringify(status === 200 ? answer : { error: { code: 'x' } }), { status }));
        },
      };
      return request;
    },
  };
  const client: GraphTransport = {
    graph: graph as unknown as Client,
    graphHost: 'https://graph.microsoft.com',
    now: () => 0,
    sleep: () => Promise.resolve(),
  };
  return { client, asked };
}

const sp = (appId: string) => `/servicePrincipals?appId eq '${appId}'`;
const app = `/applications?appId eq '${CLIENT_ID}'`;
const grants = `/oauth2PermissionGrants?clientId eq 'sp-app'`;
const org = { value: [{ id: 't', displayName: 'Contoso' }] };
const grant = (principalId: string) => ({
  clientId: 'sp-app',
  consentType: 'Principal',
  principalId,
  resourceId: 'sp-graph',
  scope: 'User.Read',
});

describe('readRegistration', () => {
  it('reads both service principals, every page of grants, the redirect URIs per platform and the tenant name', async () => {
    const next = 'https://graph.microsoft.com/v1.0/oauth2PermissionGrants?$skiptoken=2';
    const { client, asked } = fakeGraph({
      [sp(CLIENT_ID)]: { value: [{ id: 'sp-app' }] },
      [sp(MICROSOFT_GRAPH_APP_ID)]: { value: [{ id: 'sp-graph' }] },
      [grants]: { value: [grant('u1')], '@odata.nextLink': next },
      [next]: { value: [grant('u2')] },
      [app]: { value: [{ spa: { redirectUris: [REDIRECT] }, web: { redirectUris: [] } }] },
      '/organization': org,
    });
    const facts = await readRegistration(client, CLIENT_ID);
    expect(facts).toEqual({
      servicePrincipal: { id: 'sp-app' },
      graphServicePrincipal: { id: 'sp-graph' },
      grants: [grant('u1'), grant('u2')],
      application: { spa: [REDIRECT], web: [], publicClient: [] },
      tenantName: 'Contoso',
    });
    expect(asked).toContain(next);
  });

  it('no service principal, no application object (a multi-tenant app nobody here consented to): none, not unread', async () => {
    const { client, asked } = fakeGraph({
      [sp(CLIENT_ID)]: { value: [] },
      [sp(MICROSOFT_GRAPH_APP_ID)]: { value: [{ id: 'sp-graph' }] },
      [app]: { value: [] },
      '/organization': org,
    });
    const facts = await readRegistration(client, CLIENT_ID);
    expect(facts).toMatchObject({ servicePrincipal: null, grants: [], application: null });
    expect(asked.some((key) => key.startsWith('/oauth2PermissionGrants'))).toBe(false);
  });

  it('a 403 (the check’s own permission refused) makes each read unread, and the rest still stands', async () => {
    const { client } = fakeGraph({
      [sp(CLIENT_ID)]: { value: [{ id: 'sp-app' }] },
      [sp(MICROSOFT_GRAPH_APP_ID)]: { value: [{ id: 'sp-graph' }] },
      [grants]: denied,
      [app]: denied,
      '/organization': denied,
    });
    expect(await readRegistration(client, CLIENT_ID)).toEqual({
      servicePrincipal: { id: 'sp-app' },
      graphServicePrincipal: { id: 'sp-graph' },
      grants: 'unreadable',
      application: 'unreadable',
      tenantName: null,
    });
  });

  it('an unread service principal leaves the grants unread too', async () => {
    const { client } = fakeGraph({
      [sp(CLIENT_ID)]: denied,
      [sp(MICROSOFT_GRAPH_APP_ID)]: denied,
      [app]: { value: [] },
      '/organization': org,
    });
    expect(await readRegistration(client, CLIENT_ID)).toMatchObject({ servicePrincipal: 'unreadable', grants: 'unreadable' });
  });

  it('any other failure fails the check with its code', async () => {
    const { client, asked } = fakeGraph({
      [sp(CLIENT_ID)]: { status: 503 },
      [sp(MICROSOFT_GRAPH_APP_ID)]: { value: [] },
      [app]: { value: [] },
      '/organization': org,
    });
    await expect(readRegistration(client, CLIENT_ID)).rejects.toMatchObject({ code: 'graph_unavailable' });
    // Retried within the grant step's budget before it fails.
    expect(asked.filter((key) => key === sp(CLIENT_ID))).toHaveLength(RETRY_BUDGETS.grantStep.transientAttempts);
  });

  it('refuses a next link to another host: nothing is sent there, and the check fails with graph_host_not_allowed', async () => {
    const next = 'https://evil.example/v1.0/oauth2PermissionGrants?$skiptoken=2';
    const { client, asked } = fakeGraph({
      [sp(CLIENT_ID)]: { value: [{ id: 'sp-app' }] },
      [sp(MICROSOFT_GRAPH_APP_ID)]: { value: [{ id: 'sp-graph' }] },
      [grants]: { value: [grant('u1')], '@odata.nextLink': next },
      [next]: { value: [grant('u2')] },
      [app]: { value: [] },
      '/organization': org,
    });
    await expect(readRegistration(client, CLIENT_ID)).rejects.toMatchObject({ code: 'graph_host_not_allowed' });
    expect(asked).not.toContain(next);
  });

  it('refuses a client id that is not a GUID before it goes into a filter', async () => {
    const { client, asked } = fakeGraph({});
    await expect(readRegistration(client, "x' or appId ne '")).rejects.toMatchObject({ code: 'invalid_input' });
    expect(asked).toEqual([]);
  });
});
