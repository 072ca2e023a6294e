import { describe, expect, it } from 'vitest';
import { MICROSOFT_CLOUDS } from '../../../lib/config/clouds';
import { resolveTenantId } from '../../../lib/tenants/resolve-tenant';

const cloud = MICROSOFT_CLOUDS[0]!;
const answer = (status: number, body: unknown) => () => Promise.resolve(new Response(JSON.stringify(body), { status }));

describe('resolveTenantId', () => {
  it('reads the tenant id from the issuer of Entra’s OpenID configuration', async () => {
    const fetchImpl = answer(200, { issuer: 'https://login.microsoftonline.com/6F1C2A3B-0D4E-4F5A-8B6C-7D8E9F0A1B2C/v2.0' });
    await expect(resolveTenantId(cloud, ' contoso.onmicrosoft.com ', fetchImpl)).resolves.toBe('6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c');
  });

  it('says when Entra does not know the tenant (AADSTS90002)', async () => {
    const fetchImpl = answer(400, { error: 'invalid_tenant', error_description: 'AADSTS90002: Tenant not found.' });
    await expect(resolveTenantId(cloud, 'nosuch.example', fetchImpl)).rejects.toMatchObject({ code: 'tenant_not_found' });
  });

  it('says when the sign-in host cannot be reached', async () => {
    await expect(resolveTenantId(cloud, 'contoso.com', () => Promise.reject(new TypeError('Failed to fetch')))).rejects.toMatchObject({
      code: 'auth_page_unreachable',
    });
  });
});
