import { AppError, AuthError, GraphError } from '../errors/app-error';
import { ERROR_CODES, type ErrorCode, errorMessageKey } from '../errors/codes';
import { t } from '../i18n/t';

const APP_ERROR_NAMES = new Set(['AppError', 'AuthError', 'GraphError']);
// Stands for the detail while a message becomes a pattern; no message contains it.
const DETAIL_MARK = '\u0000detail\u0000';

/** Each code's message in the browser's language as a pattern, any detail allowed. Built when first needed. */
let patterns: ReadonlyArray<[ErrorCode, RegExp]> | undefined;
function messagePatterns(): ReadonlyArray<[ErrorCode, RegExp]> {
  patterns ??= ERROR_CODES.map((code) => {
    const escaped = t(errorMessageKey(code), DETAIL_MARK).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return [code, new RegExp(`^${escaped.replace(DETAIL_MARK, '.*')}$`, 's')];
  });
  return patterns;
}

/**
 * The Graph client wraps whatever a middleware throws (our host guard, the token getter's AuthError) into its own
 * GraphError, keeping only the name and the words. Rebuild ours from them, so that a refused host or an expired
 * grant ends the run with its own reason instead of looking like a dropped connection.
 */
export function recoverAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as Record<string, unknown>;
  if (typeof code !== 'string' || !APP_ERROR_NAMES.has(code) || typeof message !== 'string') return undefined;
  const found = messagePatterns().find(([, pattern]) => pattern.test(message))?.[0];
  if (!found) return undefined;
  const rebuilt = code === 'AuthError' ? new AuthError(found, { cause: error }) : new GraphError(found, { cause: error });
  rebuilt.message = message;
  return rebuilt;
}
