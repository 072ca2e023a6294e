import { describe, expect, it } from 'vitest';
import { authorityUrl } from '../../../lib/auth/authority';
import { msalConfiguration } from '../../../lib/msal-host/msal-host';

describe('msalConfiguration', () => {
  it('trusts exactly the cloud sign-in host and keeps the cache in localStorage', () => {
    const target = { clientId: 'cid', authorityHost: 'https://localhost:9443', tenant: 'contoso.onmicrosoft.com' };
    const config = msalConfiguration(target, 'https://id.chromiumapp.org/', () => false);
    expect(config.auth).toMatchObject({
      clientId: 'cid',
      authority: 'https://localhost:9443/contoso.onmicrosoft.com',
      knownAuthorities: ['localhost:9443'],
      redirectUri: 'https://id.chromiumapp.org/',
    });
    expect(config.cache?.cacheLocation).toBe('localStorage');
    expect(authorityUrl({ ...target, authorityHost: 'https://login.microsoftonline.com' })).toBe(
      'https://login.microsoftonline.com/contoso.onmicrosoft.com',
    );
  });
});
