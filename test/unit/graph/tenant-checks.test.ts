import { describe, expect, it } from 'vitest';
import { decideAdminRole, findServicePlan, GLOBAL_ADMIN_TEMPLATE_ID, type SubscribedSku } from '../../../lib/graph/tenant-checks';
import type { ServiceId } from '../../../lib/db/types';

// Plan names as "Product names and service plan identifiers for licensing" lists them (MicrosoftDocs/entra-docs
// docs/identity/users/licensing-service-plan-reference.md).
const sku = (skuPartNumber: string, ...plans: Array<[string, string]>): SubscribedSku => ({
  skuPartNumber,
  servicePlans: plans.map(([servicePlanName, provisioningStatus]) => ({ servicePlanName, provisioningStatus })),
});
const E5 = sku('SPE_E5', ['EXCHANGE_S_ENTERPRISE', 'Success'], ['SHAREPOINTENTERPRISE', 'Success'], ['INTUNE_O365', 'PendingActivation']);
const E1 = sku('STANDARDPACK', ['EXCHANGE_S_STANDARD', 'Success'], ['SHAREPOINTSTANDARD', 'Success'], ['SHAREPOINTWAC', 'Success']);
const P1 = sku('AAD_PREMIUM', ['AAD_PREMIUM', 'Success'], ['EXCHANGE_S_FOUNDATION', 'Success']);
const KIOSK = sku('TEAMS_COMMERCIAL_TRIAL', ['SHAREPOINTDESKLESS', 'Success'], ['EXCHANGE_S_FOUNDATION', 'Success']);

describe('findServicePlan', () => {
  it.each<[string, ServiceId, SubscribedSku[], ReturnType<typeof findServicePlan>]>([
    [
      'Exchange Online (Plan 2) in Microsoft 365 E5',
      'exchange',
      [E5],
      { state: 'provisioned', plan: 'EXCHANGE_S_ENTERPRISE', sku: 'SPE_E5' },
    ],
    ['SharePoint (Plan 2)', 'sharepoint', [E5], { state: 'provisioned', plan: 'SHAREPOINTENTERPRISE', sku: 'SPE_E5' }],
    ['OneDrive through SharePoint (Plan 1)', 'onedrive', [E1], { state: 'provisioned', plan: 'SHAREPOINTSTANDARD', sku: 'STANDARDPACK' }],
    ['SharePoint Kiosk', 'sharepoint', [KIOSK], { state: 'provisioned', plan: 'SHAREPOINTDESKLESS', sku: 'TEAMS_COMMERCIAL_TRIAL' }],
    ['Exchange Foundation is no mailbox plan', 'exchange', [P1, KIOSK], { state: 'absent' }],
    ['Office for the web is not SharePoint Online', 'sharepoint', [sku('X', ['SHAREPOINTWAC', 'Success'])], { state: 'absent' }],
    ['no subscription at all', 'onedrive', [], { state: 'absent' }],
    [
      'a provisioned plan wins over one that is not',
      'exchange',
      [sku('A', ['EXCHANGE_S_STANDARD', 'Disabled']), E5],
      { state: 'provisioned', plan: 'EXCHANGE_S_ENTERPRISE', sku: 'SPE_E5' },
    ],
  ])('%s', (_, service, skus, expected) => {
    expect(findServicePlan(service, skus)).toEqual(expected);
  });

  // Every provisioningStatus but Success that servicePlanInfo documents (api-reference/v1.0/resources/serviceplaninfo.md).
  it.each(['Disabled', 'Error', 'PendingInput', 'PendingActivation', 'PendingProvisioning'])('a plan %s is not provisioned', (status) => {
    expect(findServicePlan('sharepoint', [sku('SPE_E5', ['SHAREPOINTENTERPRISE', status])])).toEqual({
      state: 'not_provisioned',
      plan: 'SHAREPOINTENTERPRISE',
      sku: 'SPE_E5',
      status,
    });
  });
});

describe('decideAdminRole', () => {
  const GA = { roleTemplateId: GLOBAL_ADMIN_TEMPLATE_ID };
  const eligibleGA = { roleDefinitionId: GLOBAL_ADMIN_TEMPLATE_ID, directoryScopeId: '/' };
  it.each<[string, Parameters<typeof decideAdminRole>[0], Parameters<typeof decideAdminRole>[1], string]>([
    ['holds it (directly or through a group: transitiveMemberOf lists both)', [GA], undefined, 'active'],
    ['holds it and is eligible too', [GA], [eligibleGA], 'active'],
    ['eligible, not active', [{ roleTemplateId: 'other' }], [eligibleGA], 'eligible'],
    [
      'eligible, told by the expanded role definition',
      [],
      [{ roleDefinitionId: 'a-definition-id', directoryScopeId: '/', roleDefinition: { templateId: GLOBAL_ADMIN_TEMPLATE_ID } }],
      'eligible',
    ],
    ['eligible only below the root (an administrative unit)', [], [{ ...eligibleGA, directoryScopeId: '/administrativeUnits/x' }], 'none'],
    ['eligible for another role', [], [{ roleDefinitionId: 'other', directoryScopeId: '/' }], 'none'],
    ['the eligibility read failed', [], undefined, 'none'],
    // Without a permission that reads directory roles Graph sends only type and id (limited information).
    ['a role Graph would not describe', [{ roleTemplateId: null }], [], 'none'],
  ])('%s', (_, active, eligible, expected) => {
    expect(decideAdminRole(active, eligible)).toBe(expected);
  });
});
