// GET /subscribedSkus and GET /roleManagement/directory/roleEligibilityScheduleInstances/filterByCurrentUser(on='principal').

import { PREMIUM_PLANS } from '../org/licences.ts';
import { createRandom, guid, seedOf } from '../org/random.ts';
import { ROLES, SKU } from '../org/directory.ts';
import { GraphError, type Caller, type GraphResponse } from './types.ts';
import { selectFields } from './workloads.ts';

/** The org's subscriptions in Graph's shape (api-reference/v1.0/api/subscribedsku-list.md, resources/subscribedsku.md). */
export function subscribedSkus(c: Caller): GraphResponse {
  const directory = c.org.generated.directory;
  const consumed = new Map<string, number>();
  for (const user of directory.users.slots) if (user?.sku) consumed.set(user.sku, (consumed.get(user.sku) ?? 0) + 1);
  const value = c.org.subscriptions.map((sku) => ({
    accountName: c.org.spec.displayName,
    accountId: c.org.spec.tenantId,
    appliesTo: 'User',
    capabilityStatus: 'Enabled',
    consumedUnits: consumed.get(sku.skuId) ?? 0,
    id: `${c.org.spec.tenantId}_${sku.skuId}`,
    prepaidUnits: { enabled: sku.prepaidEnabled, lockedOut: 0, suspended: 0, warning: 0 },
    servicePlans: [...sku.servicePlans, ...(sku.skuId === SKU.E5 && c.org.premium ? PREMIUM_PLANS : [])].map((plan) => ({ ...plan })),
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    subscriptionIds: [guid(createRandom(seedOf(c.org.spec.tenantId, sku.skuId)))],
  }));
  return { status: 200, body: { '@odata.context': `${c.base}/$metadata#subscribedSkus`, value } };
}

/**
 * The caller's eligible role instances in Privileged Identity Management
 * (api-reference/v1.0/api/unifiedroleeligibilityscheduleinstance-filterbycurrentuser.md). For a built-in role the
 * roleDefinitionId is its template id. Without Microsoft Entra ID P2 Graph refuses PIM reads; Microsoft's pages do not
 * give the answer: the 400 `AadPremiumLicenseRequired` "The tenant needs an AAD Premium 2 license." is what public
 * reports show (github.com/JulianHayward/Azure-MG-Sub-Governance-Reporting/issues/114, microsoft/EntraExporter/issues/61).
 */
export function eligibilityInstancesOfCaller(c: Caller): GraphResponse {
  if (!c.org.premium) throw new GraphError(400, 'AadPremiumLicenseRequired', 'The tenant needs an AAD Premium 2 license.');
  const directory = c.org.generated.directory;
  const expand = /roleDefinition/i.test(c.request.query.get('$expand') ?? '');
  const value = directory.eligibleRolesOf(c.user.id).map((templateId) => {
    const random = createRandom(seedOf(c.user.id, templateId, 'eligibility'));
    const scheduleId = guid(random);
    return {
      '@odata.type': '#microsoft.graph.unifiedRoleEligibilityScheduleInstance',
      id: `${scheduleId}-1-e`,
      principalId: c.user.id,
      roleDefinitionId: templateId,
      directoryScopeId: '/',
      appScopeId: null,
      startDateTime: '2024-01-01T00:00:00Z',
      endDateTime: null,
      memberType: 'Direct',
      roleEligibilityScheduleId: scheduleId,
      ...(expand ? { roleDefinition: { id: templateId, templateId, isBuiltIn: true, displayName: roleName(templateId) } } : {}),
    };
  });
  return {
    status: 200,
    body: { '@odata.context': `${c.base}/$metadata#Collection(unifiedRoleEligibilityScheduleInstance)`, value },
  };
}

/**
 * The caller's active role assignments (unifiedroleassignmentscheduleinstance-filterbycurrentuser.md): each role it
 * holds directly now, `Activated` with the end of its PIM activation, or `Assigned` without end. Roles held through a
 * group are left out (memberType Group is not modelled). Without Microsoft Entra ID P2: 400 as for the eligibility.
 */
export function assignmentInstancesOfCaller(c: Caller): GraphResponse {
  if (!c.org.premium) throw new GraphError(400, 'AadPremiumLicenseRequired', 'The tenant needs an AAD Premium 2 license.');
  const directory = c.org.generated.directory;
  const value = directory.directRolesOf(c.user.id).map((templateId) => {
    const random = createRandom(seedOf(c.user.id, templateId, 'assignment'));
    const scheduleId = guid(random);
    const until = directory.activeUntil.get(`${templateId}:${c.user.id}`);
    return {
      '@odata.type': '#microsoft.graph.unifiedRoleAssignmentScheduleInstance',
      id: `${scheduleId}-1-a`,
      principalId: c.user.id,
      roleDefinitionId: templateId,
      directoryScopeId: '/',
      appScopeId: null,
      startDateTime: '2024-01-01T00:00:00Z',
      endDateTime: until === undefined ? null : new Date(until).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      memberType: 'Direct',
      assignmentType: until === undefined ? 'Assigned' : 'Activated',
      roleAssignmentOriginId: scheduleId,
      roleAssignmentScheduleId: scheduleId,
    };
  });
  return {
    status: 200,
    body: {
      '@odata.context': `${c.base}/$metadata#Collection(unifiedRoleAssignmentScheduleInstance)`,
      value: value.map((v) => selectFields(c, v)),
    },
  };
}

function roleName(templateId: string): string {
  return Object.entries(ROLES).find(([, id]) => id === templateId)?.[0] ?? 'Directory role';
}
