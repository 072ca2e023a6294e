import type { AuthHost } from '../auth/sign-in';
import { sendMessage } from '../messaging/protocol';
import type { Result } from '../messaging/result';
import { unwrap } from '../messaging/unwrap';
import { ensureOffscreenDocument } from './offscreen-document';

// The host's answer, or its error as it crossed: a code and its detail (no side words errors, so none rewords them).
const answerOf: <T>(result: Result<T> | undefined) => T = unwrap;

/** The worker's handle on the msal host in the offscreen document (Chrome and Edge). */
export const offscreenAuthHost: AuthHost = {
  async buildAuthUrl(request) {
    await ensureOffscreenDocument();
    return answerOf(await sendMessage('offscreen:buildAuthUrl', request)).url;
  },
  async completeAuth(target, responseUrl) {
    await ensureOffscreenDocument();
    return answerOf(await sendMessage('offscreen:completeAuth', { target, responseUrl }));
  },
  async abandonAuth(target) {
    await ensureOffscreenDocument();
    answerOf(await sendMessage('offscreen:abandonAuth', { target }));
  },
  async signOut(target, homeAccountId) {
    await ensureOffscreenDocument();
    answerOf(await sendMessage('offscreen:signOut', { target, homeAccountId }));
  },
  async renewToken(target, homeAccountId, scopes) {
    await ensureOffscreenDocument();
    return answerOf(await sendMessage('offscreen:renewToken', { target, homeAccountId, scopes }));
  },
  async acquireToken(target, homeAccountId, scopes) {
    await ensureOffscreenDocument();
    return answerOf(await sendMessage('offscreen:acquireToken', { target, homeAccountId, scopes }));
  },
};
