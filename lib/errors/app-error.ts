import { type ErrorCode, type ErrorDetail, ERROR_CODES, messageFor } from './codes';
import { isStorageFull } from './storage-full';

/** What crosses a message boundary: plain data, never an Error object or a stack. */
export interface ErrorData {
  code: ErrorCode;
  message: string;
  /** What filled the message; a receiver that speaks the admin's language can word it again (see rewordErrorData). */
  detail?: ErrorDetail;
}

/** The base of every error the extension raises on purpose. `detail` fills the message; `cause` keeps the origin. */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly detail: ErrorDetail | undefined;

  constructor(code: ErrorCode, options: { detail?: ErrorDetail; cause?: unknown } = {}) {
    super(messageFor(code, options.detail), { cause: options.cause });
    this.code = code;
    this.detail = options.detail;
  }

  toData(): ErrorData {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }
}

export class AuthError extends AppError {
  override name = 'AuthError';
}

export class GraphError extends AppError {
  override name = 'GraphError';
  /** HTTP status, when the error came from a Graph answer. */
  status: number | undefined;
  /** Seconds to wait before retrying, from Retry-After. */
  retryAfterSeconds: number | undefined;
}

const KNOWN_CODES = new Set<string>(ERROR_CODES);

/** Turn anything thrown into data for the UI: known errors keep their words, the rest become `unknown`. */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof AppError) return error.toData();
  if (isErrorData(error)) return error;
  // A full disk reads the same wherever it struck: a grant step, a check, a sync, an upgrade.
  if (isStorageFull(error)) return new AppError('storage_full', { cause: error }).toData();
  return { code: 'unknown', message: messageFor('unknown') };
}

/** True for `{ code, message }` with a known code (an error that already crossed a boundary). */
export function isErrorData(value: unknown): value is ErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && KNOWN_CODES.has(code) && typeof message === 'string';
}

/** Rebuild an error that crossed a message boundary, keeping its code and its words. */
export function fromErrorData(data: ErrorData): AppError {
  const error = new AppError(data.code);
  error.message = data.message;
  return error;
}

/**
 * The same error worded here, from its code and detail. For errors from the offscreen document: it has no
 * chrome.i18n, so its messages read as keys; the worker words them in the admin's language.
 */
export function rewordErrorData(data: ErrorData): AppError {
  return new AppError(data.code, { detail: data.detail });
}
