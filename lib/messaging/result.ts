import { type ErrorData, toErrorData } from '../errors/app-error';

/** Every handler answers with this: data on success, plain error data on failure. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorData };

/** Run `work` and wrap its outcome as a Result, so no exception (or stack) crosses the message boundary. */
export async function toResult<T>(work: () => Promise<T> | T): Promise<Result<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}
