// Entra-shaped OpenID metadata. Hand-written rather than oidc-provider's own document because msal validates the
// issuer and endpoints against Entra's shapes (tenant id in the path; `{tenantid}` placeholder for multi-tenant).

import type { JWK } from 'jose';
import type { OrgRuntime, TenantState } from '../state.ts';

export function openIdConfiguration(state: TenantState, org: OrgRuntime | 'multi', segment: string): Record<string, unknown> {
  const host = new URL(state.url).host;
  const pathTenant = org === 'multi' ? segment.toLowerCase() : org.spec.tenantId;
  const base = `${state.url}/${pathTenant}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: org === 'multi' ? `${state.url}/{tenantid}/v2.0` : org.issuer,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${state.url}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: [
      'sub',
      'iss',
      'cloud_instance_name',
      'cloud_instance_host_name',
      'cloud_graph_host_name',
      'msgraph_host',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'acr',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'at_hash',
      'c_hash',
      'email',
    ],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: host,
    rbac_url: 'https://pas.windows.net',
  };
}

export function jwks(state: TenantState, org: OrgRuntime | 'multi'): { keys: JWK[] } {
  const orgs = org === 'multi' ? state.orgs : [org];
  return {
    keys: orgs.map((o) => ({ ...o.publicJwk, use: 'sig', issuer: o.issuer })),
  };
}
