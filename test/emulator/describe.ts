// The printout of a running tenant, shared by `npm run tenant` and the demo script.

import type { Tenant } from './types.ts';

export function describeTenant(t: Tenant): string {
  const lines = [
    `Local Microsoft 365 tenant at ${t.url}`,
    `  Graph base URL:   ${t.graphBaseUrl}/v1.0`,
    `  Control API:      ${t.url}/_control   (POST /_control/<method> with a JSON array of arguments)`,
    `  Client id:        ${t.clientId}`,
    `  knownAuthorities: ['${new URL(t.url).host}']`,
    '',
  ];
  for (const org of t.orgs) {
    lines.push(
      `${org.displayName} (${org.domain}), ${org.userCount} users, ${org.groupCount} groups`,
      `  Authority:        ${t.authorityHost}/${org.tenantId}   (or ${t.authorityHost}/${org.domain})`,
      `  Global admin:     ${org.admin.userPrincipalName}   password ${org.admin.password}`,
      `  Non-admin user:   ${org.user.userPrincipalName}   password ${org.user.password}`,
      '',
    );
  }
  lines.push(`Multi-tenant authorities: ${t.authorityHost}/organizations and ${t.authorityHost}/common`);
  return lines.join('\n');
}
