import type { AuthHost } from '../auth/sign-in';
import { sendMessage } from '../messaging/protocol';
import { unwrap } from '../messaging/unwrap';
import { ensureOffscreenDocument } from './offscreen-document';

/** The worker's handle on the msal host in the offscreen document (Chrome and Edge). */
export const offscreenAuthHost: AuthHost = {
  async buildAuthUrl(request) {
    await ensureOffscreenDocument();
    return unwrap(await sendMessage('offscreen:buildAuthUrl', request)).url;
  },
  async completeAuth(target, responseUrl) {
    await ensureOffscreenDocument();
    return unwrap(await sendMessage('offscreen:completeAuth', { target, responseUrl }));
  },
  async abandonAuth(target) {
    await ensureOffscreenDocument();
    unwrap(await sendMessage('offscreen:abandonAuth', { target }));
  },
  async signOut(target, homeAccountId) {
    await ensureOffscreenDocument();
    unwrap(await sendMessage('offscreen:signOut', { target, homeAccountId }));
  },
  async renewToken(target, homeAccountId, scopes) {
    await ensureOffscreenDocument();
    return unwrap(await sendMessage('offscreen:renewToken', { target, homeAccountId, scopes }));
  },
  async acquireToken(target, homeAccountId, scopes) {
    await ensureOffscreenDocument();
    return unwrap(await sendMessage('offscreen:acquireToken', { target, homeAccountId, scopes }));
  },
};
