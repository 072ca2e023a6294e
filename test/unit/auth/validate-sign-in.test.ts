import { describe, expect, it } from 'vitest';
import { validateSignIn } from '../../../lib/auth/validate-sign-in';
import { MICROSOFT_CLOUDS } from '../../../lib/config/clouds';

const valid = {
  tenant: 'contoso.onmicrosoft.com',
  clientId: '0b8f3c2e-5d71-4a9e-9f2a-1c3d5e7f9a0b',
  cloud: 'worldwide' as const,
  loginHint: '',
};

describe('validateSignIn', () => {
  it('accepts a domain or a tenant id, a GUID client id and an optional sign-in name', () => {
    expect(validateSignIn(valid, MICROSOFT_CLOUDS)).toEqual({});
    expect(
      validateSignIn({ ...valid, tenant: '6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c', loginHint: 'admin@contoso.com' }, MICROSOFT_CLOUDS),
    ).toEqual({});
  });

  it.each([
    [{ tenant: '' }, 'tenant', 'Enter the tenant id'],
    [{ tenant: 'contoso' }, 'tenant', 'neither a tenant id'],
    [{ tenant: 'https://contoso.com' }, 'tenant', 'neither a tenant id'],
    [{ clientId: '' }, 'clientId', 'Enter the Application'],
    [{ clientId: 'not-a-guid' }, 'clientId', 'is a GUID'],
    [{ cloud: 'local' as const }, 'cloud', 'Choose the Microsoft cloud'],
    [{ loginHint: 'admin' }, 'loginHint', 'looks like admin@'],
  ])('refuses %o at the %s field', (change, field, words) => {
    const problems = validateSignIn({ ...valid, ...change }, MICROSOFT_CLOUDS);
    expect(Object.keys(problems)).toEqual([field]);
    expect(problems[field as keyof typeof problems]).toContain(words);
  });
});
