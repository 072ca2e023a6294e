import { ResponseType } from '@microsoft/microsoft-graph-client';
import { AppError, appErrorFromWrapped, GraphError } from '../errors/app-error';
import { graphErrorForStatus } from '../graph/client';
import { assertGraphUrl } from '../graph/host-guard';
import type { Param } from '../i18n/phrase';
import { decideRetry, type FailedAttempt } from './retry';
import type { SyncDeps } from './types';

/** A Graph answer read to the end: any status (the caller decides what a 4xx means), its headers and its text. */
export interface GraphAnswer {
  status: number;
  headers: Headers;
  body: string;
}

export interface GraphRequestSpec {
  /** A path on the tenant's Graph (`/users/delta?...`) or an absolute link Graph handed back. */
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
  /** What is being read, in the admin's words (for `graph_not_found`). */
  what: Param;
}

/** `graphHost` is needed only to follow an absolute link Graph handed back; a path on the tenant's Graph needs none. */
export type RequestDeps = Pick<SyncDeps, 'graph' | 'now' | 'sleep' | 'random'> & Partial<Pick<SyncDeps, 'graphHost'>>;

const RETRIED_STATUSES = new Set([429, 503, 504]);
/** What fetch throws when the connection drops or times out (TypeError in browsers and Node). */
const NETWORK_ERROR_NAMES = new Set(['TypeError', 'AbortError', 'TimeoutError']);
function isNetworkError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, name, statusCode } = error as Record<string, unknown>;
  if (typeof name === 'string' && NETWORK_ERROR_NAMES.has(name)) return true;
  return typeof code === 'string' && NETWORK_ERROR_NAMES.has(code) && (statusCode === undefined || statusCode === -1);
}

/** Graph's error code from an error answer's body (`{ "error": { "code": ... } }`), if any. */
export function graphErrorCode(answer: GraphAnswer): string | undefined {
  try {
    const parsed = JSON.parse(answer.body) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === 'string' ? parsed.error.code : undefined;
  } catch {
    return undefined;
  }
}

/** The GraphError (code, admin words, status) for an error answer. */
export function answerError(answer: GraphAnswer, what: Param): GraphError {
  return graphErrorForStatus(answer.status, graphErrorCode(answer), answer.headers, what);
}

/** One request. Links are checked against the tenant's Graph origin before the client (and its token) is involved. */
export async function sendOnce(deps: Pick<RequestDeps, 'graph' | 'graphHost'>, spec: GraphRequestSpec): Promise<GraphAnswer> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(spec.url) || spec.url.startsWith('//')) {
    if (deps.graphHost === undefined) throw new GraphError('graph_host_not_allowed', { detail: { key: 'sync_linkWithoutHost' } });
    assertGraphUrl(spec.url, deps.graphHost);
  } else if (!spec.url.startsWith('/')) throw new GraphError('graph_host_not_allowed', { detail: { key: 'sync_linkWithoutHost' } });
  let request = deps.graph.api(spec.url).responseType(ResponseType.RAW);
  if (spec.headers) request = request.headers(spec.headers);
  const response = (await (spec.method === 'POST' ? request.post(spec.body) : request.get())) as Response;
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** A wait too long for the worker: the run ends deferred, and `retryAfterSeconds` says when to come back. */
export function deferral(status: number | undefined, waitMs: number): GraphError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const error = new GraphError(status === 429 ? 'graph_throttled' : 'graph_unavailable', { detail: String(seconds) });
  error.status = status;
  error.retryAfterSeconds = seconds;
  return error;
}

/**
 * One request with the retry policy (retry.ts): 429 waits its Retry-After, 503/504 and dropped connections back
 * off; a wait beyond the worker's safe lifetime throws a deferral. Any other answer, 4xx included, is returned.
 * `beforeWait` runs before each sleep (the sync renews its lease there).
 */
export async function sendWithRetry(
  deps: RequestDeps,
  spec: GraphRequestSpec,
  beforeWait?: (waitMs: number) => Promise<void>,
): Promise<GraphAnswer> {
  const random = deps.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    let failure: FailedAttempt;
    let failed: GraphAnswer | undefined;
    let thrown: unknown;
    try {
      const answer = await sendOnce(deps, spec);
      if (!RETRIED_STATUSES.has(answer.status)) return answer;
      failure = { status: answer.status, retryAfter: answer.headers.get('retry-after'), attempt };
      failed = answer;
    } catch (error) {
      const known = appErrorFromWrapped(error);
      if (known) throw known;
      if (!isNetworkError(error)) throw new AppError('unknown', { cause: error });
      failure = { attempt };
      thrown = error;
    }
    const decision = decideRetry(failure, deps.now(), random);
    if (decision.kind === 'fail') {
      throw failed ? answerError(failed, spec.what) : new GraphError('graph_unavailable', { cause: thrown });
    }
    if (decision.kind === 'defer') throw deferral(failure.status, decision.waitMs);
    await beforeWait?.(decision.waitMs);
    await deps.sleep(decision.waitMs);
  }
}
