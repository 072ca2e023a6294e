import { AppError } from '../errors/app-error';

/**
 * For work the worker runs after answering (grants, syncs, alarms): log that it stopped, with our error code only —
 * never the error itself, which may carry a response or a token.
 */
export function reportStopped(what: string): (error: unknown) => void {
  return (error) => console.error(`${what} stopped:`, error instanceof AppError ? error.code : 'unexpected error');
}
