import type { Cloud } from '../config/clouds';
import { AppError } from '../errors/app-error';

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * The tenant id behind a verified domain (or a tenant id, checked), from Entra's public OpenID configuration: its
 * issuer is `https://<sign-in host>/<tenant id>/v2.0`. Needs no sign-in, and tells an unknown tenant (AADSTS90002)
 * before the admin is sent to a sign-in page.
 */
export async function resolveTenantId(cloud: Cloud, tenant: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  const url = `${cloud.authorityHost}/${encodeURIComponent(tenant.trim())}/v2.0/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetchImpl(url, { credentials: 'omit' });
  } catch (error) {
    throw new AppError('auth_page_unreachable', { cause: error });
  }
  const body = (await response.json().catch(() => ({}))) as { issuer?: unknown; error_description?: unknown };
  const issuer = typeof body.issuer === 'string' ? body.issuer : '';
  const tenantId = new URL(issuer || 'about:blank').pathname.match(GUID)?.[0];
  if (!response.ok || !tenantId) throw new AppError('tenant_not_found', { detail: tenant.trim() });
  return tenantId.toLowerCase();
}
