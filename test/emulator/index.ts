// The local Microsoft 365 tenant: Entra ID v2 + Microsoft Graph v1.0 on https://localhost, for tests and the demo.

export { startTenant, DEFAULT_CLIENT_ID, DEFAULT_REDIRECT_URI } from './server.ts';
export { describeTenant } from './describe.ts';
export type {
  Account,
  DirectoryGroupView,
  DirectorySnapshot,
  DirectoryUserView,
  FaultKind,
  FaultSpec,
  GroupInput,
  RequestRecord,
  ServiceHealthStatus,
  Tenant,
  TenantControl,
  TenantOptions,
  TenantOrgInfo,
  TenantOrgOptions,
  UserInput,
} from './types.ts';
