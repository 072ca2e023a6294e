import { AppError } from '../errors/app-error';
import type { MsalTarget } from './types';

/** A GUID in its usual 8-4-4-4-12 form: a tenant id, an application (client) id, an object id. */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A verified domain's shape: DNS labels of letters, digits and inner hyphens (at most 63 characters each, RFC 1035
 * 2.3.1), at most 253 characters in all, ending in a top label of 2 to 63 letters. Microsoft's docs name the tenant
 * part of an authority only as "a domain name associated with your Microsoft Entra instance" and give no grammar
 * of their own, so the DNS one holds; it admits no `/`, `?`, `#`, `%`, `@` or `..`, so the name cannot leave its path
 * segment.
 */
export const TENANT_DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** True for a tenant as an authority may name it: its tenant id (a GUID) or a domain-shaped name. */
export function isTenantName(value: unknown): value is string {
  return typeof value === 'string' && (GUID.test(value) || TENANT_DOMAIN.test(value));
}

/** True for a bare `https` origin (no path, query, fragment or credentials): a cloud's sign-in host. */
export function isHttpsOrigin(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.origin === value;
  } catch {
    return false;
  }
}

/**
 * The authority msal signs in against: `<cloud's sign-in host>/<tenant>`, where the tenant is the tenant id (a GUID)
 * or a domain of the tenant (https://learn.microsoft.com/entra/identity-platform/msal-client-application-configuration
 * #authority, MicrosoftDocs/entra-docs docs/identity-platform/msal-client-application-configuration.md). Built from
 * checked parts only: anything else (a path, a query, `common`, another host's URL) is refused, never sent to msal.
 */
export function authorityUrl(target: Pick<MsalTarget, 'authorityHost' | 'tenant'>): string {
  if (!isHttpsOrigin(target.authorityHost)) throw new AppError('input_cloud_unknown', { detail: 'authorityHost' });
  if (!isTenantName(target.tenant)) throw new AppError('input_tenant_invalid', { detail: 'tenant' });
  return `${target.authorityHost}/${target.tenant}`;
}
