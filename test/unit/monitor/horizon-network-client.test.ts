import { afterEach, describe, expect, it, vi } from 'vitest';
import { HorizonNetworkClient, homeAccountIdOf, withoutSigninState } from '../../../lib/msal-host/horizon-network-client';

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
      credentials: 'omit',
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

  // JWT parts are base64url of UTF-8 JSON.
  const b64url = (value: object) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

  it.each([[['kmsi']], [['dvc_dmjd']], [['kmsi', 'dvc_mngd']]])(
    'hands msal the id token without signin_state %j, so msal never stores the cache in plain text',
    async (signinState) => {
      const claims = { oid: 'o', tid: 't', nonce: 'n', name: 'Zoë Ünal', signin_state: signinState };
      const idToken = `${b64url({ alg: 'RS256' })}.${b64url(claims)}.signature`;
      const body = { access_token: 'a', refresh_token: 'r', id_token: idToken, client_info: clientInfo('o', 't') };
      vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify(body), { status: 200 })));
      const response = await new HorizonNetworkClient().sendPostRequestAsync<typeof body>('https://x/token', {});
      const handed = claimsOf(response.body.id_token);
      expect(handed).toEqual({ oid: 'o', tid: 't', nonce: 'n', name: 'Zoë Ünal' });
      expect(response.body.id_token.split('.')[0]).toBe(idToken.split('.')[0]);
      expect(response.body.id_token.split('.')[2]).toBe('signature');
      expect(response.body).toMatchObject({ access_token: 'a', refresh_token: 'r' });
    },
  );

  it('leaves answers without signin_state, or without an id token, as they are', () => {
    const idToken = `${b64url({ alg: 'RS256' })}.${b64url({ oid: 'o' })}.s`;
    const plain = { id_token: idToken };
    expect(withoutSigninState(plain)).toBe(plain);
    const error = { error: 'invalid_grant' };
    expect(withoutSigninState(error)).toBe(error);
    const broken = { id_token: 'not.a-jwt' };
    expect(withoutSigninState(broken)).toBe(broken);
  });
});
