import type { Client } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { MICROSOFT_GRAPH_APP_ID, readRegistration } from '../../../lib/graph/registration';

const CLIENT_ID = '0b8f3c2e-5d71-4a9e-9f2a-1c3d5e7f9a0b';
const REDIRECT = 'https://iaoafjmjbhidbadlbfodfadofaghkmon.chromiumapp.org/';

const denied = { status: 403 };

/** A stand-in for the Graph client: each request (path + $filter) gets the answer its key names (`{ status }`: that error), or a 404. */
function fakeGraph(answers: Record<string, unknown>) {
  const asked: string[] = [];
  const client = {
    api(path: string) {
      let filter = '';
      const request = {
        filter(value: string) {
          filter = value;
          return request;
        },
        select() {
          return request;
        },
        get() {
          const key = filter ? `${path}?${filter}` : path;
          asked.push(key);
          const answer = key in answers ? answers[key] : { status: 404 };
          if (typeof answer === 'object' && answer !== null && 'status' in answer) {
            return Promise.reject(Object.assign(new Error('Graph said no'), { statusCode: (answer as { status: number }).status }));
          }
          return Promise.resolve(answer);
        },
      };
      return request;
    },
  };
  return { client: client as unknown as Client, asked };
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
    const { client } = fakeGraph({ [sp(CLIENT_ID)]: { status: 503 }, '/organization': org });
    await expect(readRegistration(client, CLIENT_ID)).rejects.toMatchObject({ code: 'graph_unavailable' });
  });

  it('refuses a client id that is not a GUID before it goes into a filter', async () => {
    const { client, asked } = fakeGraph({});
    await expect(readRegistration(client, "x' or appId ne '")).rejects.toMatchObject({ code: 'invalid_input' });
    expect(asked).toEqual([]);
  });
});
