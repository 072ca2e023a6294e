import { ERROR_CODES, type ErrorCode } from './codes';
import type { CodedError, Param } from './phrase';
import { cleanFailureIds, type FailureIds } from './failure-ids';
import { isStorageFull } from './storage-full';

/**
 * What crosses a message boundary and what records keep: the code and what fills its message, never words (the
 * receiver words it with `sayError` in the language of the moment) and never an Error object or a stack.
 */
export type ErrorData = CodedError;

/** Where an error's message carries its ids, so that they survive a library that keeps only the message. */
const IDS_MARK = ' ids=';

/**
 * The base of every error the extension raises on purpose. `detail` fills the message's `$1`; `cause` keeps the
 * origin; `ids` keeps Microsoft's ids of the failed request (failure-ids.ts). Its `message` is its data, not words:
 * `code`, `code ["param", …]`, either followed by ` ids={…}` (see appErrorFromWrapped).
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly detail: Param | undefined;
  /** Microsoft's ids of the request that failed; set where the answer was read (transport, msal host). */
  ids: FailureIds | undefined;

  constructor(code: ErrorCode, options: { detail?: Param; cause?: unknown; ids?: FailureIds } = {}) {
    const data = options.detail === undefined ? code : `${code} ${JSON.stringify([options.detail])}`;
    super(options.ids ? `${data}${IDS_MARK}${JSON.stringify(options.ids)}` : data, { cause: options.cause });
    this.code = code;
    this.detail = options.detail;
    this.ids = options.ids;
  }

  toData(): ErrorData {
    return {
      code: this.code,
      ...(this.detail !== undefined && { params: [this.detail] }),
      ...(this.ids && { ids: this.ids }),
    };
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
const isKnownCode = (code: unknown): code is ErrorCode => typeof code === 'string' && KNOWN_CODES.has(code);

/** Turn anything thrown into data for the UI: known errors keep their code and detail, the rest become `unknown`. */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof AppError) return error.toData();
  if (isErrorData(error)) return error;
  // A full disk reads the same wherever it struck: a grant step, a check, a sync, an upgrade.
  if (isStorageFull(error)) return { code: 'storage_full' };
  return { code: 'unknown' };
}

/** True for `{ code, params? }` with a known code (an error that already crossed a boundary). */
export function isErrorData(value: unknown): value is ErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const { code, params, ids } = value as Record<string, unknown>;
  return isKnownCode(code) && (params === undefined || Array.isArray(params)) && (ids === undefined || typeof ids === 'object');
}

/** Rebuild an error that crossed a message boundary, keeping its code, detail and ids. */
export function fromErrorData(data: ErrorData): AppError {
  const ids = cleanFailureIds(data.ids);
  return new AppError(data.code, {
    ...(data.params?.[0] !== undefined && { detail: data.params[0] }),
    ...(ids && { ids }),
  });
}

const APP_ERROR_NAMES: ReadonlyMap<string, typeof AppError> = new Map([
  ['AppError', AppError],
  ['AuthError', AuthError],
  ['GraphError', GraphError],
]);

/**
 * One of our errors that a library wrapped keeping only its name and message (the Graph client does this with what
 * a middleware throws: our host guard, the token getter's AuthError), rebuilt from that data: the message is the
 * code and its detail as JSON, never words, so nothing is matched against translated text.
 */
export function appErrorFromWrapped(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code: name, message } = error as Record<string, unknown>;
  const Kind = typeof name === 'string' ? APP_ERROR_NAMES.get(name) : undefined;
  if (!Kind || typeof message !== 'string') return undefined;
  const mark = message.lastIndexOf(IDS_MARK);
  const ids = mark < 0 ? undefined : idsIn(message.slice(mark + IDS_MARK.length));
  const match = /^([a-z_]+)(?: (\[.*\]))?$/s.exec(mark < 0 ? message : message.slice(0, mark));
  if (!match || !isKnownCode(match[1])) return undefined;
  let detail: Param | undefined;
  try {
    detail = match[2] === undefined ? undefined : (JSON.parse(match[2]) as Param[])[0];
  } catch {
    return undefined;
  }
  return new Kind(match[1], { ...(detail !== undefined && { detail }), ...(ids && { ids }), cause: error });
}

function idsIn(json: string): FailureIds | undefined {
  try {
    return cleanFailureIds(JSON.parse(json));
  } catch {
    return undefined;
  }
}
