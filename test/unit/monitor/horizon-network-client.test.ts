import { afterEach, describe, expect, it, vi } from 'vitest';
import { HorizonNetworkClient, homeAccountIdOf } from '../../../lib/msal-host/horizon-network-client';

const clientInfo = (uid: string, utid: string) =>
  btoa(JSON.stringify({ uid, utid })).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

afterEach(() => vi.unstubAllGlobals());

describe('HorizonNetworkClient', () => {
  it('notes the refresh horizon of each token response, per account, and passes the response on', async () => {
    const body = { access_token: 'a', refresh_token: 'r', refresh_token_expires_in: 86_399, client_info: clientInfo('oid', 'tid') };
    const fetch = vi.fn(() => Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'x-ms-request-id': '1' } })));
    vi.stubGlobal('fetch', fetch);
    const client = new HorizonNetworkClient(() => 1_000);
    const response = await client.sendPostRequestAsync('https://login.example/t/oauth2/v2.0/token', {
      body: 'grant_type=refresh_token',
      headers: { a: 'b' },
    });
    expect(response).toEqual({ status: 200, body, headers: { 'content-type': 'text/plain;charset=UTF-8', 'x-ms-request-id': '1' } });
    expect(fetch).toHaveBeenCalledWith('https://login.example/t/oauth2/v2.0/token', {
      method: 'POST',
      headers: { a: 'b' },
      body: 'grant_type=refresh_token',
    });
    expect(client.horizonOf('oid.tid')).toBe(1_000 + 86_399_000);
    expect(client.horizonOf('other.tid')).toBeUndefined();
  });

  it('passes error bodies on for msal to read (Entra answers 400 with AADSTS codes)', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify({ error: 'invalid_grant' }), { status: 400 })));
    const response = await new HorizonNetworkClient().sendPostRequestAsync('https://x/token', {});
    expect(response).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it.each([
    [true, 'GET', 'get_request_failed'],
    [true, 'POST', 'post_request_failed'],
    [false, 'POST', 'no_network_connectivity'],
  ] as const)("fails like msal's own client when the network does (online %s, %s → %s)", async (onLine, method, errorCode) => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    vi.stubGlobal('navigator', { onLine });
    const client = new HorizonNetworkClient();
    const sent = method === 'GET' ? client.sendGetRequestAsync('https://x/keys') : client.sendPostRequestAsync('https://x/token');
    await expect(sent).rejects.toMatchObject({ errorCode });
  });

  it('reads the account from client_info', () => {
    expect(homeAccountIdOf(clientInfo('u', 't'))).toBe('u.t');
    expect(homeAccountIdOf('not base64 json')).toBeUndefined();
  });
});
