// The organisation's subscriptions (GET /subscribedSkus): which products it bought and the state of each service plan.
//
// SKU part numbers, SKU ids, service plan names and ids are Microsoft's, from "Product names and service plan
// identifiers for licensing" (MicrosoftDocs/entra-docs docs/identity/users/licensing-service-plan-reference.md):
// Microsoft 365 E5 = SPE_E5 06ebc4ee-1bb5-47dd-8120-11324bc54e06, Microsoft 365 E3 = SPE_E3
// 05e9a617-0261-4cee-bb44-138d3ef5d965; Exchange Online (Plan 2) = EXCHANGE_S_ENTERPRISE efb87545-…, SharePoint (Plan 2)
// = SHAREPOINTENTERPRISE 5dbe027f-…, Microsoft 365 Apps for enterprise = OFFICESUBSCRIPTION, Microsoft Teams = TEAMS1,
// Mobile Device Management for Office 365 = INTUNE_O365, Microsoft Entra ID P1/P2 = AAD_PREMIUM/AAD_PREMIUM_P2.
// The shape (appliesTo, capabilityStatus, consumedUnits, prepaidUnits, servicePlans[{servicePlanId, servicePlanName,
// provisioningStatus, appliesTo}], skuId, skuPartNumber, subscriptionIds) is api-reference/v1.0/api/subscribedsku-list.md
// and resources/serviceplaninfo.md in microsoftgraph/microsoft-graph-docs-contrib.

import { SKU } from './directory.ts';

/** Every value servicePlanInfo.provisioningStatus documents. */
export const PROVISIONING_STATUSES = ['Success', 'Disabled', 'Error', 'PendingInput', 'PendingActivation', 'PendingProvisioning'] as const;
export type ProvisioningStatus = (typeof PROVISIONING_STATUSES)[number];

export interface ServicePlanState {
  servicePlanId: string;
  servicePlanName: string;
  provisioningStatus: ProvisioningStatus;
  appliesTo: 'User' | 'Company';
}

export interface SubscribedSkuState {
  skuId: string;
  skuPartNumber: string;
  prepaidEnabled: number;
  servicePlans: ServicePlanState[];
}

const plan = (servicePlanName: string, servicePlanId: string, provisioningStatus: ProvisioningStatus = 'Success'): ServicePlanState => ({
  servicePlanId,
  servicePlanName,
  provisioningStatus,
  appliesTo: 'User',
});

/** Microsoft Entra ID P1 and P2: shown on the E5 subscription while the org is premium (setPremium). */
export const PREMIUM_PLANS: readonly ServicePlanState[] = [
  plan('AAD_PREMIUM', '41781fb2-bc02-4b7c-bd55-b576c07bb09d'),
  plan('AAD_PREMIUM_P2', 'eec0eb4f-6444-4f95-aba0-50c24d67f998'),
];

function plans(): ServicePlanState[] {
  return [
    plan('EXCHANGE_S_ENTERPRISE', 'efb87545-963c-4e0d-99df-69c6916d9eb0'),
    plan('SHAREPOINTENTERPRISE', '5dbe027f-2339-4123-9542-606e4d348a72'),
    plan('OFFICESUBSCRIPTION', '43de0ff5-c92c-492b-9116-175376d08c38'),
    plan('TEAMS1', '57ff2da0-773e-42df-b2af-ffb7a2317929'),
    // serviceplaninfo.md names this plan as the example of PendingActivation: an administrator must switch it on.
    plan('INTUNE_O365', '882e1d05-acd1-4ccb-8708-6ee03664b117', 'PendingActivation'),
  ];
}

/** What a generated organisation subscribes to: Microsoft 365 E5 and E3. */
export function defaultSubscriptions(): SubscribedSkuState[] {
  return [
    { skuId: SKU.E5, skuPartNumber: 'SPE_E5', prepaidEnabled: 100_000, servicePlans: plans() },
    { skuId: SKU.E3, skuPartNumber: 'SPE_E3', prepaidEnabled: 100_000, servicePlans: plans() },
  ];
}
