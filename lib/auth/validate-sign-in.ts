import type { Cloud } from '../config/clouds';
import { findCloud } from '../config/clouds';
import { t } from '../i18n/t';
import { GUID, isTenantName } from './authority';
import type { SignInRequest } from './types';

/** A sign-in name's shape (user@domain), as Entra's login_hint takes it. */
export const SIGN_IN_NAME = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type SignInField = 'tenant' | 'clientId' | 'cloud' | 'loginHint';

/** Why each field is refused, in the admin's words; an empty object means the input is valid. */
export function validateSignIn(request: Partial<SignInRequest>, clouds: readonly Cloud[]): Partial<Record<SignInField, string>> {
  const problems: Partial<Record<SignInField, string>> = {};
  const tenant = request.tenant?.trim() ?? '';
  if (!tenant) problems.tenant = t('auth_enterTenant');
  else if (!isTenantName(tenant)) problems.tenant = t('auth_tenantNotValid');
  const clientId = request.clientId?.trim() ?? '';
  if (!clientId) problems.clientId = t('auth_enterClientId');
  else if (!GUID.test(clientId)) problems.clientId = t('auth_clientIdNotGuid');
  if (!request.cloud || !findCloud(clouds, request.cloud)) problems.cloud = t('auth_chooseCloud');
  const hint = request.loginHint?.trim() ?? '';
  if (hint && !SIGN_IN_NAME.test(hint)) problems.loginHint = t('auth_signInNameFormat');
  return problems;
}
