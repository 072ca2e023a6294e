import type { ErrorData } from '@/lib/errors/app-error';
import type { Result } from '@/lib/messaging/result';

/** Send a message to the worker; a worker that does not answer becomes a failed Result, never a throw. */
export async function askWorker<T>(send: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return (await send()) ?? { ok: false, error: noAnswer() };
  } catch {
    return { ok: false, error: noAnswer() };
  }
}

const noAnswer = (): ErrorData => ({ code: 'message_failed' });
