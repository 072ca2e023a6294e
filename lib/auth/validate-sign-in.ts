import type { Cloud } from '../config/clouds';
import { findCloud } from '../config/clouds';
import type { SignInRequest } from './types';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const SIGN_IN_NAME = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type SignInField = 'tenant' | 'clientId' | 'cloud' | 'loginHint';

/** Why each field is refused, in the admin's words; an empty object means the input is valid. */
export function validateSignIn(request: Partial<SignInRequest>, clouds: readonly Cloud[]): Partial<Record<SignInField, string>> {
  const problems: Partial<Record<SignInField, string>> = {};
  const tenant = request.tenant?.trim() ?? '';
  if (!tenant) problems.tenant = 'Enter the tenant id or a verified domain, such as contoso.onmicrosoft.com.';
  else if (!GUID.test(tenant) && !DOMAIN.test(tenant))
    problems.tenant = 'This is neither a tenant id (a GUID) nor a domain name such as contoso.onmicrosoft.com.';
  const clientId = request.clientId?.trim() ?? '';
  if (!clientId) problems.clientId = 'Enter the Application (client) ID of the app registration.';
  else if (!GUID.test(clientId)) problems.clientId = 'The Application (client) ID is a GUID, such as 0b8f3c2e-5d71-4a9e-9f2a-1c3d5e7f9a0b.';
  if (!request.cloud || !findCloud(clouds, request.cloud)) problems.cloud = 'Choose the Microsoft cloud the tenant lives in.';
  const hint = request.loginHint?.trim() ?? '';
  if (hint && !SIGN_IN_NAME.test(hint)) problems.loginHint = 'A sign-in name looks like admin@contoso.onmicrosoft.com.';
  return problems;
}
