import { onMessage } from '../messaging/protocol';
import { toResult } from '../messaging/result';
import type { MsalHost } from './msal-host';

/** Answer the worker's `offscreen:*` messages from this document's msal host. */
export function registerMsalHostHandlers(host: MsalHost): void {
  onMessage('offscreen:buildAuthUrl', ({ data }) => toResult(async () => ({ url: await host.buildAuthUrl(data) })));
  onMessage('offscreen:completeAuth', ({ data }) => toResult(() => host.completeAuth(data.target, data.responseUrl)));
  onMessage('offscreen:abandonAuth', () => toResult(async () => (await host.abandonAuth(), null)));
  onMessage('offscreen:signOut', ({ data }) => toResult(async () => (await host.signOut(data.target, data.homeAccountId), null)));
  onMessage('offscreen:renewToken', ({ data }) => toResult(() => host.renewToken(data.target, data.homeAccountId, data.scopes)));
  onMessage('offscreen:acquireToken', ({ data }) => toResult(() => host.acquireToken(data.target, data.homeAccountId, data.scopes)));
}
