// GET /domains/{id}: the org's domain with its password policy, in Graph's shape
// (microsoft-graph-docs-contrib api-reference/v1.0/api/domain-get.md, resources/domain.md).

import type { DomainPasswordPolicy } from '../types.ts';
import { notFound, type Caller, type GraphResponse } from './types.ts';
import { selectFields } from './workloads.ts';

/**
 * What reset() gives: passwords never expire (2147483647 days, what Microsoft 365 stores for "never expire", and the
 * default of tenants created after 2021: entra-docs docs/identity/authentication/concept-sspr-policy.md) and the
 * notification window domain.md names as its default (14 days).
 */
export function defaultDomainPasswordPolicy(): Required<DomainPasswordPolicy> {
  return { passwordValidityPeriodInDays: 2_147_483_647, passwordNotificationWindowInDays: 14 };
}

/** The org's one domain (its initial onmicrosoft.com name, or the name it was made with); another name is 404. */
export function getDomain(c: Caller, id: string): GraphResponse {
  const name = c.org.spec.domain;
  if (decodeURIComponent(id).toLowerCase() !== name.toLowerCase()) throw notFound(id);
  const policy = c.org.domainPasswordPolicy;
  const select = c.request.query.get('$select');
  const domain = {
    authenticationType: 'Managed',
    availabilityStatus: null,
    id: name,
    isAdminManaged: true,
    isDefault: true,
    isInitial: name.toLowerCase().endsWith('.onmicrosoft.com'),
    isRoot: true,
    isVerified: true,
    passwordNotificationWindowInDays: policy.passwordNotificationWindowInDays ?? null,
    passwordValidityPeriodInDays: policy.passwordValidityPeriodInDays ?? null,
    state: null,
    supportedServices: ['Email', 'OfficeCommunicationsOnline'],
  };
  const context = `${c.base}/$metadata#domains${select ? `(${select})` : ''}/$entity`;
  return { status: 200, body: { '@odata.context': context, ...selectFields(c, domain) } };
}
