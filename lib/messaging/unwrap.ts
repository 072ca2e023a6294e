import { AppError, fromErrorData } from '../errors/app-error';
import type { Result } from './result';

/** The data of a Result, or its error thrown as an AppError (for callers that work with exceptions). */
export function unwrap<T>(result: Result<T> | undefined): T {
  if (!result) throw new AppError('message_failed');
  if (!result.ok) throw fromErrorData(result.error);
  return result.data;
}
