import { GUID, isTenantName } from '../auth/authority';
import { SIGN_IN_NAME } from '../auth/validate-sign-in';
import type { Cloud } from '../config/clouds';
import { BUILT_IN_POLICIES } from '../connectors/policies';
import { SERVICES, scopesFor } from '../connectors/services';
import { AppError } from '../errors/app-error';
import type { ErrorCode } from '../errors/codes';
import { PREFLIGHT_SCOPES } from '../registration/preflight';

/**
 * What every message must hold before its handler runs: the doors of the worker and of the msal host check their
 * input here, so a page bug, a stale page or anything that slipped past the sender check meets a clear code
 * (`input_*`) and changes nothing. Forms trim what the admin typed; ids the extension made itself (tenant ids, run
 * ids, object ids) must be exact GUIDs.
 */
type Check = (value: unknown, field: string) => void;

function refuse(code: ErrorCode, field: string): never {
  throw new AppError(code, { detail: field });
}

function fields(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) refuse('input_malformed', field || 'data');
  return value as Record<string, unknown>;
}

const text =
  (max: number, pattern?: RegExp, code: ErrorCode = 'input_malformed'): Check =>
  (value, field) => {
    if (typeof value !== 'string' || value.length > max) refuse('input_malformed', field);
    if (pattern && !pattern.test(value)) refuse(code, field);
  };

/** What an admin typed into a form: checked as trimmed, the way the console's own check reads it. */
const typed =
  (test: (value: string) => boolean, code: ErrorCode, max = 320): Check =>
  (value, field) => {
    if (typeof value !== 'string' || value.length > max) refuse('input_malformed', field);
    if (!test(value.trim())) refuse(code, field);
  };

const guid = (code: ErrorCode = 'input_malformed') => text(36, GUID, code);
const bool: Check = (value, field) => {
  if (typeof value !== 'boolean') refuse('input_malformed', field);
};
const oneOf =
  (allowed: readonly string[], code: ErrorCode = 'input_malformed'): Check =>
  (value, field) => {
    if (typeof value !== 'string' || !allowed.includes(value)) refuse(code, field);
  };
const optional =
  (check: Check): Check =>
  (value, field) => {
    if (value !== undefined) check(value, field);
  };
const list =
  (each: Check, { min = 0, max }: { min?: number; max: number }, code: ErrorCode = 'input_malformed'): Check =>
  (value, field) => {
    if (!Array.isArray(value) || value.length < min || value.length > max) refuse(code, field);
    value.forEach((item, index) => each(item, `${field}[${index}]`));
    if (new Set(value).size !== value.length) refuse(code, field);
  };
const shape =
  (checks: Record<string, Check>): Check =>
  (value, field) => {
    const record = fields(value, field);
    for (const [name, check] of Object.entries(checks)) check(record[name], field ? `${field}.${name}` : name);
  };

/**
 * msal's account id, `<object id>.<tenant id>` (msal-browser's AccountInfo.homeAccountId, from Entra's client_info
 * uid and utid): two GUIDs, or in the local tenant's tests any two such dot-joined ids.
 */
const HOME_ACCOUNT_ID = /^[0-9a-z-]{1,64}\.[0-9a-z-]{1,64}$/i;
/** The directory object ids a sync scope may name: users and groups picked in the picker (Graph object ids are GUIDs). */
const MAX_SCOPE_IDS = 10_000;
/** A picker query longer than a name can be: Graph's displayName holds at most 256 characters (user.md, group.md). */
const MAX_QUERY = 256;
/** The redirect URL Entra sends back: the code and state in its fragment, a few kilobytes at most. */
const MAX_RESPONSE_URL = 16_384;

const SERVICE_IDS = SERVICES.map((service) => service.id);
/** Every permission the extension ever asks for: the services' catalogue and the pre-flight check's. */
const KNOWN_SCOPES = [...new Set([...SERVICE_IDS.flatMap((id) => scopesFor([id])), ...PREFLIGHT_SCOPES])];

const services = list(oneOf(SERVICE_IDS, 'input_service_unknown'), { min: 1, max: SERVICE_IDS.length }, 'input_service_unknown');
const scopes = list(oneOf(KNOWN_SCOPES, 'input_scope_invalid'), { min: 1, max: KNOWN_SCOPES.length }, 'input_scope_invalid');
const syncScope: Check = (value, field) => {
  const scope = fields(value, field);
  if (scope.mode === 'all') return;
  if (scope.mode !== 'selected') refuse('input_scope_invalid', `${field}.mode`);
  list(guid('input_scope_invalid'), { max: MAX_SCOPE_IDS }, 'input_scope_invalid')(scope.userIds, `${field}.userIds`);
  list(guid('input_scope_invalid'), { max: MAX_SCOPE_IDS }, 'input_scope_invalid')(scope.groupIds, `${field}.groupIds`);
};
const responseUrl: Check = (value, field) => {
  text(MAX_RESPONSE_URL)(value, field);
  try {
    new URL(value as string);
  } catch {
    refuse('input_malformed', field);
  }
};
/** A tenant the extension itself passes on (never typed): exact, its id or a domain-shaped name. */
const exactTenant: Check = (value, field) => {
  if (typeof value !== 'string' || value.length > 253) refuse('input_malformed', field);
  if (!isTenantName(value)) refuse('input_tenant_invalid', field);
};
const signInName = typed((value) => value === '' || SIGN_IN_NAME.test(value), 'input_malformed');

/** The checks of every message of the protocol (lib/messaging/protocol.ts), for this build's clouds. */
export function messageChecks(clouds: readonly Cloud[]) {
  const cloud = oneOf(
    clouds.map((c) => c.id),
    'input_cloud_unknown',
  );
  const authorityHost = oneOf(
    clouds.map((c) => c.authorityHost),
    'input_cloud_unknown',
  );
  const tenantTyped = typed(isTenantName, 'input_tenant_invalid', 253);
  const clientIdTyped = typed((value) => GUID.test(value), 'input_client_id_invalid', 64);
  const exactTarget = shape({ clientId: guid('input_client_id_invalid'), authorityHost, tenant: exactTenant });
  const homeAccountId = text(129, HOME_ACCOUNT_ID);
  const runId = guid();
  const tenantId = guid('input_tenant_invalid');
  const none: Check = (value, field) => {
    if (value !== undefined && value !== null) refuse('input_malformed', field || 'data');
  };
  return {
    'worker:signIn': shape({
      tenant: tenantTyped,
      clientId: clientIdTyped,
      cloud,
      loginHint: optional(signInName),
      scopes,
      chooseAccount: optional(bool),
    }),
    // The console's check sends the target it knows (tenant and client id as typed); the worker finds the host from `cloud`.
    'worker:getProfile': shape({
      target: shape({ clientId: clientIdTyped, tenant: tenantTyped }),
      homeAccountId,
      cloud,
    }),
    'worker:checkRegistration': shape({
      tenant: tenantTyped,
      clientId: clientIdTyped,
      cloud,
      homeAccountId,
      userId: guid(),
      // The console's check may be asked about no service at all: the common permissions only.
      services: list(oneOf(SERVICE_IDS, 'input_service_unknown'), { max: SERVICE_IDS.length }, 'input_service_unknown'),
    }),
    'worker:saveTenant': shape({ tenant: tenantTyped, clientId: clientIdTyped, cloud, serviceAccount: optional(signInName) }),
    'worker:startGrant': shape({
      tenantId,
      services,
      syncScope,
      policyId: oneOf(BUILT_IN_POLICIES.map((policy) => policy.id)),
      kind: optional(oneOf(['grant', 'regrant', 'scope_switch'])),
    }),
    'worker:resumeGrant': shape({ runId }),
    'worker:continueGrant': shape({
      runId,
      userIds: list(guid('input_scope_invalid'), { max: MAX_SCOPE_IDS }, 'input_scope_invalid'),
      groupIds: list(guid('input_scope_invalid'), { max: MAX_SCOPE_IDS }, 'input_scope_invalid'),
    }),
    'worker:cancelGrant': shape({ runId }),
    'worker:searchDirectory': shape({ runId, query: text(MAX_QUERY) }),
    'worker:syncNow': shape({ tenantId }),
    'worker:checkNow': none,
    'worker:msalCacheKey': none,
    'worker:setNotificationsMuted': shape({ tenantId, muted: bool }),
    'worker:acknowledgeAlert': shape({ alertId: text(512, /^\S+$/) }),
    'worker:disconnect': shape({ tenantId, services, keepData: bool }),
    'worker:removeTenant': shape({ tenantId }),

    'offscreen:buildAuthUrl': shape({
      target: exactTarget,
      scopes,
      loginHint: optional(signInName),
      prompt: optional(oneOf(['none', 'select_account', 'login', 'consent'])),
    }),
    'offscreen:completeAuth': shape({ target: exactTarget, responseUrl }),
    'offscreen:abandonAuth': shape({ target: exactTarget }),
    'offscreen:signOut': shape({ target: exactTarget, homeAccountId }),
    'offscreen:renewToken': shape({ target: exactTarget, homeAccountId, scopes }),
    'offscreen:acquireToken': shape({ target: exactTarget, homeAccountId, scopes }),
  } satisfies Record<string, (value: unknown, field: string) => void>;
}

/** Check one message's data; throws the AppError (an `input_*` code, the refused field as its detail) of the first problem. */
export function checkMessage(checks: Partial<Record<string, Check>>, type: string, data: unknown): void {
  const check = checks[type];
  if (!check) refuse('input_malformed', type);
  check(data, '');
}
