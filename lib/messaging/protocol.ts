import { defineExtensionMessaging } from '@webext-core/messaging';
import type { AccessTokenGrant, AuthUrlRequest, MsalTarget, SignedInAccount, SignInRequest } from '../auth/types';
import type { GraphProfile } from '../graph/types';
import type { Result } from './result';

export interface WorkerStatus {
  tenants: number;
  connectors: number;
}

/**
 * The one protocol between extension pages, the worker and the offscreen document. Names say who handles them:
 * `worker:*` in entrypoints/background.ts, `offscreen:*` in the msal host. Every answer is a Result.
 */
export interface ProtocolMap {
  'worker:getStatus'(): Result<WorkerStatus>;
  'worker:signIn'(request: SignInRequest): Result<SignedInAccount>;
  'worker:getProfile'(request: { target: MsalTarget; homeAccountId: string; cloud: SignInRequest['cloud'] }): Result<GraphProfile>;

  'offscreen:buildAuthUrl'(request: AuthUrlRequest): Result<{ url: string }>;
  'offscreen:completeAuth'(request: { target: MsalTarget; responseUrl: string }): Result<SignedInAccount>;
  'offscreen:abandonAuth'(request: { target: MsalTarget }): Result<null>;
  'offscreen:acquireToken'(request: { target: MsalTarget; homeAccountId: string; scopes: string[] }): Result<AccessTokenGrant>;
}

export const messenger = defineExtensionMessaging<ProtocolMap>();

export const { sendMessage, onMessage } = messenger;
