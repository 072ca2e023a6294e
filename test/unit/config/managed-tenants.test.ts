import { describe, expect, it } from 'vitest';
import { managedTenantsToAdd, parseManagedSettings } from '../../../lib/config/managed-settings';

describe('managedTenantsToAdd', () => {
  const managed = parseManagedSettings({
    clientId: 'policy-client',
    cloud: 'usgov',
    tenants: [{ tenant: 'contoso.onmicrosoft.com' }, { tenant: 'Fabrikam.onmicrosoft.com', clientId: 'own-client', cloud: 'worldwide' }],
  });

  it('offers every policy tenant not yet in the console, with the policy-wide client id and cloud filled in', () => {
    expect(managedTenantsToAdd(managed, [])).toEqual([
      { tenant: 'contoso.onmicrosoft.com', clientId: 'policy-client', cloud: 'usgov', serviceAccount: undefined },
      { tenant: 'Fabrikam.onmicrosoft.com', clientId: 'own-client', cloud: 'worldwide', serviceAccount: undefined },
    ]);
  });

  it('matches tenants already added by domain or id, whatever the case', () => {
    expect(managedTenantsToAdd(managed, [{ tenantId: 'x', domain: 'fabrikam.onmicrosoft.com' }]).map((t) => t.tenant)).toEqual([
      'contoso.onmicrosoft.com',
    ]);
  });
});
