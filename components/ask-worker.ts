import type { ErrorData } from '@/lib/errors/app-error';
import { messageFor } from '@/lib/errors/codes';
import type { Result } from '@/lib/messaging/result';

/** Send a message to the worker; a worker that does not answer becomes a Result with words, never a throw. */
export async function askWorker<T>(send: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return (await send()) ?? { ok: false, error: noAnswer() };
  } catch {
    return { ok: false, error: noAnswer() };
  }
}

const noAnswer = (): ErrorData => ({ code: 'message_failed', message: messageFor('message_failed') });
