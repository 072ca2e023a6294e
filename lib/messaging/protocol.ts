import { defineExtensionMessaging } from '@webext-core/messaging';
import { browser } from 'wxt/browser';
import type { AccessTokenGrant, AuthUrlRequest, MsalTarget, SignedInAccount, SignInRequest } from '../auth/types';
import type { ServiceId, TenantRecord } from '../db/types';
import type { DirectoryMatch, GraphProfile } from '../graph/types';
import type { GrantRequest } from '../provisioning/types';
import type { PreflightReport } from '../registration/preflight';
import type { TenantSettings } from '../tenants/save-tenant';
import { AppError, toErrorData } from '../errors/app-error';
import type { Result } from './result';
import { isOwnExtensionSender, type MessageSenderInfo } from './sender';
import { checkMessage, messageChecks } from './validate';
import { clouds } from '../config/build-settings';

export type { DirectoryMatch } from '../graph/types';

/**
 * The one protocol between extension pages, the worker and the offscreen document. Names say who handles them:
 * `worker:*` in entrypoints/background.ts, `offscreen:*` in the msal host. Every answer is a Result.
 */
export interface ProtocolMap {
  'worker:signIn'(request: SignInRequest): Result<SignedInAccount>;
  'worker:getProfile'(request: { target: MsalTarget; homeAccountId: string; cloud: SignInRequest['cloud'] }): Result<GraphProfile>;
  /** The pre-flight check: the signed-in account (`userId`, its object id) reads the registration of `clientId`. */
  'worker:checkRegistration'(
    request: Pick<SignInRequest, 'tenant' | 'clientId' | 'cloud'> & { homeAccountId: string; userId: string; services: ServiceId[] },
  ): Result<PreflightReport>;

  'worker:saveTenant'(settings: TenantSettings): Result<TenantRecord>;
  'worker:startGrant'(request: GrantRequest): Result<{ runId: string }>;
  'worker:resumeGrant'(request: { runId: string }): Result<{ runId: string }>;
  'worker:continueGrant'(request: { runId: string; userIds: string[]; groupIds: string[] }): Result<{ runId: string }>;
  'worker:cancelGrant'(request: { runId: string }): Result<null>;
  'worker:searchDirectory'(request: { runId: string; query: string }): Result<DirectoryMatch[]>;
  'worker:syncNow'(request: { tenantId: string }): Result<null>;
  'worker:checkNow'(): Result<null>;
  'worker:setNotificationsMuted'(request: { tenantId: string; muted: boolean }): Result<null>;
  'worker:acknowledgeAlert'(request: { alertId: string }): Result<null>;
  'worker:disconnect'(request: { tenantId: string; services: ServiceId[]; keepData: boolean }): Result<null>;
  /** Remove tenant: every record of it and its accounts in msal's cache go (lib/tenants/remove-tenant.ts). */
  'worker:removeTenant'(request: { tenantId: string }): Result<null>;
  /** The offscreen document's msal asks for this browser session's cache key (kept in the worker's storage.session). */
  'worker:msalCacheKey'(): Result<{ key: string }>;

  'offscreen:buildAuthUrl'(request: AuthUrlRequest): Result<{ url: string }>;
  'offscreen:completeAuth'(request: { target: MsalTarget; responseUrl: string }): Result<SignedInAccount>;
  'offscreen:abandonAuth'(request: { target: MsalTarget }): Result<null>;
  'offscreen:signOut'(request: { target: MsalTarget; homeAccountId: string }): Result<null>;
  'offscreen:renewToken'(request: { target: MsalTarget; homeAccountId: string; scopes: string[] }): Result<AccessTokenGrant>;
  'offscreen:acquireToken'(request: { target: MsalTarget; homeAccountId: string; scopes: string[] }): Result<AccessTokenGrant>;
}

const messenger = defineExtensionMessaging<ProtocolMap>();

/** Every message type has its checks: a new message without them does not compile. */
const CHECKS: Record<keyof ProtocolMap, (value: unknown, field: string) => void> = messageChecks(clouds);

export const { sendMessage } = messenger;

/**
 * Listen for one message type, from this extension's own pages, offscreen document and worker only: a message from
 * anywhere else (a content script in a web page, or another extension if the browser ever routed one here) is
 * answered with `message_sender_refused` and never reaches the handler. A message from our own pages whose data is
 * not what its type promises (lib/messaging/validate.ts) is answered with its `input_*` code and never reaches the
 * handler either: nothing is read, written or sent for it.
 */
export const onMessage: typeof messenger.onMessage = (type, onReceived) =>
  messenger.onMessage(type, (message) => {
    // Every answer in the protocol is a Result, so a refusal fits whichever type was asked for.
    const refuse = (error: unknown) => ({ ok: false, error: toErrorData(error) }) satisfies Result<never> as ReturnType<typeof onReceived>;
    // @webext-core types `sender` with chrome's own types, which this project does not load: read the two fields.
    const { sender } = message as { sender?: MessageSenderInfo };
    if (!isOwnExtensionSender(sender, { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') })) {
      return refuse(new AppError('message_sender_refused'));
    }
    try {
      checkMessage(CHECKS, type, message.data);
    } catch (error) {
      return refuse(error);
    }
    return onReceived(message);
  });
