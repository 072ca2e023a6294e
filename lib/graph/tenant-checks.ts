import { AppError, GraphError } from '../errors/app-error';
import { type GraphTransport, graphGet, query } from './transport';
import type { MessageKey } from '../i18n/t';
import { type Phrase, phrase } from '../errors/phrase';
import { SERVICE_LABELS } from '../connectors/services';
import type { ServiceId } from '../db/types';

/** Global Administrator's role template id (the same in every tenant). */
export const GLOBAL_ADMIN_TEMPLATE_ID = '62e90394-69f5-4237-9190-012177145e10';

/**
 * The account's active directory roles, held directly or through a role-assignable group: roles reach a user
 * through a group only transitively (api-reference/v1.0/api/user-list-transitivememberof.md).
 */
export const ACTIVE_ROLES_URL = '/me/transitiveMemberOf/microsoft.graph.directoryRole?$select=id,roleTemplateId';

/**
 * The account's roles it is eligible for in Privileged Identity Management and may activate
 * (api-reference/v1.0/api/unifiedroleeligibilityscheduleinstance-filterbycurrentuser.md: $select, $filter, $expand).
 * The role definition is expanded for its templateId: unifiedRoleDefinition's page does not promise that a built-in
 * role's id is its template id.
 */
export const ELIGIBLE_ROLES_URL =
  "/roleManagement/directory/roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')?$select=roleDefinitionId,directoryScopeId&$expand=roleDefinition($select=templateId)";

/**
 * The account's active role assignments, each an `Activated` PIM activation with its end or an `Assigned` role
 * (api-reference/v1.0/api/unifiedroleassignmentscheduleinstance-filterbycurrentuser.md; resources/
 * unifiedroleassignmentscheduleinstance.md: assignmentType, endDateTime). Least: RoleAssignmentSchedule.Read.Directory.
 */
export const ACTIVE_ASSIGNMENTS_URL =
  "/roleManagement/directory/roleAssignmentScheduleInstances/filterByCurrentUser(on='principal')?$select=roleDefinitionId,directoryScopeId,assignmentType,endDateTime";

/** One eligibility instance as the read above returns it. */
export interface EligibilityInstance {
  roleDefinitionId?: unknown;
  directoryScopeId?: unknown;
  roleDefinition?: { templateId?: unknown } | null;
}

/** Global Administrator for this account: held now, eligible in PIM but not active, or neither (or Graph did not say). */
export type AdminRole = 'active' | 'eligible' | 'none';

/**
 * What the two reads say. `eligibleRoles` is undefined when the eligibility read failed (a tenant without Microsoft Entra
 * ID P2 answers 400 AadPremiumLicenseRequired; an older grant lacks the permission: 403): then only "active" or "none". Pure.
 */
export function decideAdminRole(
  activeRoles: ReadonlyArray<{ roleTemplateId?: unknown }>,
  eligibleRoles: readonly EligibilityInstance[] | undefined,
): AdminRole {
  if (activeRoles.some((role) => role.roleTemplateId === GLOBAL_ADMIN_TEMPLATE_ID)) return 'active';
  // Global Administrator is a tenant-wide role: only an eligibility at the directory's root ('/') makes one.
  const eligible = eligibleRoles?.some(
    (instance) =>
      (instance.roleDefinition?.templateId === GLOBAL_ADMIN_TEMPLATE_ID || instance.roleDefinitionId === GLOBAL_ADMIN_TEMPLATE_ID) &&
      (instance.directoryScopeId ?? '/') === '/',
  );
  return eligible ? 'eligible' : 'none';
}

/** Whether the signed-in account holds Global Administrator now, or could activate it in PIM. */
export async function readAdminRole(transport: GraphTransport): Promise<AdminRole> {
  const active =
    (
      await graphGet<{ value?: Array<{ roleTemplateId?: unknown }> }>(transport, ACTIVE_ROLES_URL, {
        what: phrase('graph_whatRoles'),
        budget: 'grantStep',
      })
    ).value ?? [];
  if (decideAdminRole(active, undefined) === 'active') return 'active';
  let eligible: EligibilityInstance[] | undefined;
  try {
    eligible =
      (
        await graphGet<{ value?: EligibilityInstance[] }>(transport, ELIGIBLE_ROLES_URL, {
          what: phrase('graph_whatRoles'),
          budget: 'grantStep',
        })
      ).value ?? [];
  } catch (error) {
    // A Graph answer that is not a throttle: no P2 licence, or no permission; the eligibility is unknown, and the
    // words stay "not a Global Administrator". A throttle the step's budget could not wait out fails the step.
    if (error instanceof GraphError && error.code === 'graph_retry_exhausted') throw error;
    eligible = undefined;
  }
  return decideAdminRole(active, eligible);
}

/** The organisation's display name and its default verified domain (GET /organization). */
export async function getOrganization(transport: GraphTransport): Promise<{ displayName: string; defaultDomain?: string }> {
  const page = await graphGet<{
    value?: Array<{ displayName?: string; verifiedDomains?: Array<{ name?: string; isDefault?: boolean }> }>;
  }>(transport, `/organization${query({ $select: 'id,displayName,verifiedDomains' })}`, {
    what: phrase('graph_whatOrganization'),
    budget: 'grantStep',
  });
  const org = page.value?.[0];
  return { displayName: org?.displayName ?? '', defaultDomain: org?.verifiedDomains?.find((d) => d.isDefault)?.name };
}

/**
 * Service plans that bring each service, by servicePlanName as "Product names and service plan identifiers for
 * licensing" lists them (MicrosoftDocs/entra-docs docs/identity/users/licensing-service-plan-reference.md):
 * Exchange Online (Plan 1/2, Kiosk, Essentials, government variants) are EXCHANGE_S_…, but EXCHANGE_S_FOUNDATION
 * (Exchange Foundation, in many non-mail products) and the archive add-ons bring no mailbox. SharePoint (Plan 1/2,
 * Kiosk, EDU/GOV variants) are SHAREPOINTSTANDARD…, SHAREPOINTENTERPRISE…, SHAREPOINTDESKLESS…; SHAREPOINTWAC (Office
 * for the web) and SHAREPOINTSTORAGE (extra storage) are not SharePoint Online itself. OneDrive for Business comes with
 * the SharePoint plans, or alone as ONEDRIVE… plans (e.g. ONEDRIVELITE_IW).
 */
const PLAN_MATCHERS: Record<ServiceId, (name: string) => boolean> = {
  exchange: (name) => /^EXCHANGE_S_/i.test(name) && !/^EXCHANGE_S_(FOUNDATION|ARCHIVE)/i.test(name),
  sharepoint: (name) => SHAREPOINT_PLAN.test(name),
  onedrive: (name) => SHAREPOINT_PLAN.test(name) || (/^ONEDRIVE/i.test(name) && !/^ONEDRIVECLIPCHAMP/i.test(name)),
};
const SHAREPOINT_PLAN = /^SHAREPOINT(STANDARD|ENTERPRISE|DESKLESS)/i;

/** The provisioningStatus values servicePlanInfo documents (api-reference/v1.0/resources/serviceplaninfo.md). */
const PROVISIONING_WORDS: Record<string, MessageKey> = {
  Disabled: 'graph_planDisabled',
  Error: 'graph_planError',
  PendingInput: 'graph_planPendingInput',
  PendingActivation: 'graph_planPendingActivation',
  PendingProvisioning: 'graph_planPendingProvisioning',
};

export interface SubscribedSku {
  skuPartNumber?: string;
  servicePlans?: Array<{ servicePlanName?: string; provisioningStatus?: string }>;
}

/** Where the tenant's subscriptions stand for one service. */
export type PlanFinding =
  | { state: 'provisioned'; plan: string; sku: string }
  | { state: 'not_provisioned'; plan: string; sku: string; status: string }
  | { state: 'absent' };

/** Whether any subscription of the tenant has a plan for `service` whose provisioningStatus is Success. Pure. */
export function findServicePlan(service: ServiceId, skus: readonly SubscribedSku[]): PlanFinding {
  const matches = skus.flatMap((sku) =>
    (sku.servicePlans ?? [])
      .filter((plan) => PLAN_MATCHERS[service](plan.servicePlanName ?? ''))
      .map((plan) => ({ plan: plan.servicePlanName ?? '', sku: sku.skuPartNumber ?? '', status: plan.provisioningStatus ?? '' })),
  );
  const ready = matches.find((match) => match.status === 'Success');
  if (ready) return { state: 'provisioned', plan: ready.plan, sku: ready.sku };
  const first = matches[0];
  return first ? { state: 'not_provisioned', ...first } : { state: 'absent' };
}

/** What the service itself is asked, and what its 404 means. */
const EVIDENCE: Record<ServiceId, { path: string; evidence: MessageKey; missing: MessageKey; missingIsFailure: boolean }> = {
  // The account's own mailbox and drive: an unlicensed admin account has neither, which says nothing of the tenant.
  exchange: {
    path: '/me/mailFolders/inbox',
    evidence: 'graph_evidenceMailbox',
    missing: 'graph_exchangeNoMailbox',
    missingIsFailure: false,
  },
  sharepoint: { path: '/sites/root', evidence: 'graph_evidenceRootSite', missing: 'graph_sharePointNoRootSite', missingIsFailure: true },
  onedrive: { path: '/me/drive', evidence: 'graph_evidenceDrive', missing: 'graph_oneDriveNoDrive', missingIsFailure: false },
};

/** The path of a service's probe for the signed-in account (the grant's check and the monitor's use the same). */
export function probePath(service: ServiceId): string {
  return EVIDENCE[service].path;
}

/**
 * Check one service without needing the admin's own licence: (a) the tenant's subscriptions have a provisioned plan
 * for it (GET /subscribedSkus), (b) the service answers where the account has access (the root site; the account's
 * own mailbox or drive only as extra evidence: none is not a failure). Resolves with a phrase that says what was
 * verified and what could not be.
 */
export async function checkService(transport: GraphTransport, service: ServiceId, account: { username: string }): Promise<Phrase> {
  const label = phrase(SERVICE_LABELS[service]);
  const skus =
    (
      await graphGet<{ value?: SubscribedSku[] }>(transport, `/subscribedSkus${query({ $select: 'skuPartNumber,servicePlans' })}`, {
        what: phrase('graph_whatSubscriptions'),
        budget: 'grantStep',
      })
    ).value ?? [];
  const plan = findServicePlan(service, skus);
  if (plan.state === 'absent') throw new AppError('service_not_subscribed', { detail: label });
  if (plan.state === 'not_provisioned') {
    const words = PROVISIONING_WORDS[plan.status] ?? 'graph_planUnknownStatus';
    throw new AppError('service_not_provisioned', {
      detail: phrase('graph_planNotProvisioned', label, plan.plan, plan.sku, plan.status || '—', phrase(words)),
    });
  }
  const evidence = EVIDENCE[service];
  try {
    await graphGet(transport, `${evidence.path}${query({ $select: 'id' })}`, { what: label, budget: 'grantStep' });
    return phrase('provisioning_serviceVerified', label, plan.plan, plan.sku, phrase(evidence.evidence));
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    const graphError = error;
    if (graphError.code === 'graph_not_found') {
      if (!evidence.missingIsFailure)
        return phrase('provisioning_serviceUnverified', label, plan.plan, plan.sku, account.username, phrase(evidence.missing));
      throw new AppError('service_unreachable', {
        detail: phrase('graph_probeTenantMissing', label, phrase(evidence.missing)),
        cause: error,
      });
    }
    if (graphError.code === 'graph_forbidden') {
      throw new AppError('service_unreachable', { detail: phrase('graph_probeForbidden', label), cause: error });
    }
    throw graphError;
  }
}
