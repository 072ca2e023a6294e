import { AppError, AuthError, GraphError } from '../errors/app-error';
import { ERROR_CODES, ERROR_MESSAGES, type ErrorCode } from '../errors/codes';

const APP_ERROR_NAMES = new Set(['AppError', 'AuthError', 'GraphError', 'DbError']);

const MESSAGE_PATTERNS: ReadonlyArray<[ErrorCode, RegExp]> = ERROR_CODES.map((code) => [
  code,
  new RegExp(`^${ERROR_MESSAGES[code].replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\\{detail\\}', '.*')}$`, 's'),
]);

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
  const found = MESSAGE_PATTERNS.find(([, pattern]) => pattern.test(message))?.[0];
  if (!found) return undefined;
  const rebuilt = code === 'AuthError' ? new AuthError(found, { cause: error }) : new GraphError(found, { cause: error });
  rebuilt.message = message;
  return rebuilt;
}
