import { type Client, ResponseType } from '@microsoft/microsoft-graph-client';
import { AppError, appErrorFromWrapped, GraphError } from '../errors/app-error';
import { type FailureIds, graphFailureIds } from '../errors/failure-ids';
import type { Param } from '../errors/phrase';
import { createGraphClient, type GraphClientOptions, graphErrorForStatus } from './client';
import { assertGraphUrl } from './host-guard';
import { decideRetry, type FailedAttempt, RETRIED_STATUSES, RETRY_BUDGETS, type RetryBudgetName } from './retry';

/**
 * The one way to Microsoft Graph. Every Graph call of the extension goes through `graphRequest` (or `graphGet`, or
 * the `$batch` client in batch.ts, which uses it): the host guard, the retry within the caller's budget (retry.ts),
 * Retry-After, and the deferral where the caller allows it. Underneath, the Graph SDK's middleware chain (client.ts:
 * host guard, token, telemetry, fetch) sends each attempt; no other module calls `client.api()`.
 */
export interface GraphTransport {
  /** The SDK client of client.ts `createGraphClient`: one attempt of one request, token attached. */
  graph: Client;
  /** The tenant cloud's Graph origin: the only place a request (or a link Graph hands back) may go. */
  graphHost: string;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Jitter source for backoff; default Math.random. */
  random?(): number;
}

/** A transport on the tenant's cloud: real time, real sleeps; tests pass their own clock and sleep. */
export function createGraphTransport(
  options: GraphClientOptions & Partial<Pick<GraphTransport, 'now' | 'sleep' | 'random'>>,
): GraphTransport {
  return {
    graph: createGraphClient(options),
    graphHost: options.graphHost,
    now: options.now ?? (() => Date.now()),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    ...(options.random && { random: options.random }),
  };
}

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

/** Waits are announced first (the sync renews its lease there). */
export type BeforeWait = (waitMs: number) => Promise<void>;

/** What fetch throws when the connection drops or times out (TypeError in browsers and Node). */
const NETWORK_ERROR_NAMES = new Set(['TypeError', 'AbortError', 'TimeoutError']);
function isNetworkError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, name, statusCode } = error as Record<string, unknown>;
  if (typeof name === 'string' && NETWORK_ERROR_NAMES.has(name)) return true;
  return typeof code === 'string' && NETWORK_ERROR_NAMES.has(code) && (statusCode === undefined || statusCode === -1);
}

/** Graph's error code from an error answer's body (`{ "error": { "code": ... } }`, concepts/errors.md), if any. */
export function graphErrorCode(answer: GraphAnswer): string | undefined {
  try {
    const parsed = JSON.parse(answer.body) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === 'string' ? parsed.error.code : undefined;
  } catch {
    return undefined;
  }
}

/** The GraphError (code, admin words, status) for an error answer, with the ids Microsoft support asks for. */
export function answerError(answer: GraphAnswer, what: Param): GraphError {
  const ids = graphFailureIds(answer.headers, answer.body);
  return graphErrorForStatus(answer.status, graphErrorCode(answer), answer.headers, what, undefined, ids);
}

/**
 * One attempt. A link is checked against the tenant's Graph origin before the client (and its token) is involved:
 * only a path on the tenant's Graph or an https link to exactly that origin is sent.
 */
export async function sendOnce(transport: Pick<GraphTransport, 'graph' | 'graphHost'>, spec: GraphRequestSpec): Promise<GraphAnswer> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(spec.url) || spec.url.startsWith('//')) assertGraphUrl(spec.url, transport.graphHost);
  else if (!spec.url.startsWith('/')) throw new GraphError('graph_host_not_allowed', { detail: { key: 'sync_linkWithoutHost' } });
  let request = transport.graph.api(spec.url).responseType(ResponseType.RAW);
  if (spec.headers) request = request.headers(spec.headers);
  const response = (await (spec.method === 'POST' ? request.post(spec.body) : request.get())) as Response;
  return { status: response.status, headers: response.headers, body: await response.text() };
}

function seconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}

/** A wait too long for the worker, where the caller may defer: its run ends, `retryAfterSeconds` says when to come back. */
export function deferral(status: number | undefined, waitMs: number, ids?: FailureIds): GraphError {
  const error = new GraphError(status === 429 ? 'graph_throttled' : 'graph_unavailable', {
    detail: String(seconds(waitMs)),
    ...(ids && { ids }),
  });
  error.status = status;
  error.retryAfterSeconds = seconds(waitMs);
  return error;
}

/** The caller's budget is used up while Graph still asks to wait (`$1`: the seconds it last asked for). */
export function exhausted(status: number | undefined, waitMs: number, ids?: FailureIds): GraphError {
  const error = new GraphError('graph_retry_exhausted', { detail: String(seconds(waitMs)), ...(ids && { ids }) });
  error.status = status;
  error.retryAfterSeconds = seconds(waitMs);
  return error;
}

/**
 * One request within the caller's retry budget: 429 waits its Retry-After, 503/504 and dropped connections back off;
 * a wait the budget does not allow throws a deferral (sync) or `graph_retry_exhausted` (everyone else). Any other
 * answer, 4xx included, is returned.
 */
export async function graphRequest(
  transport: GraphTransport,
  spec: GraphRequestSpec,
  budget: RetryBudgetName,
  beforeWait?: BeforeWait,
): Promise<GraphAnswer> {
  const random = (): number => (transport.random ? transport.random() : Math.random());
  for (let attempt = 1; ; attempt++) {
    let failure: FailedAttempt;
    let failed: GraphAnswer | undefined;
    let thrown: unknown;
    try {
      const answer = await sendOnce(transport, spec);
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
    const decision = decideRetry(failure, transport.now(), random, RETRY_BUDGETS[budget]);
    if (decision.kind === 'fail') {
      throw failed ? answerError(failed, spec.what) : new GraphError('graph_unavailable', { cause: thrown });
    }
    // The last refused attempt's ids: the one Microsoft support can look up.
    const ids = failed && graphFailureIds(failed.headers, failed.body);
    if (decision.kind === 'defer') throw deferral(failure.status, decision.waitMs, ids);
    if (decision.kind === 'exhausted') throw exhausted(failure.status, decision.waitMs, ids);
    await beforeWait?.(decision.waitMs);
    await transport.sleep(decision.waitMs);
  }
}

/** A read whose answer must be 2xx JSON: parsed, or the GraphError of its status (`graph_bad_response` if unreadable). */
export async function graphGet<T>(
  transport: GraphTransport,
  url: string,
  options: { what: Param; budget: RetryBudgetName; headers?: Record<string, string> },
): Promise<T> {
  const spec: GraphRequestSpec = { url, what: options.what, ...(options.headers && { headers: options.headers }) };
  const answer = await graphRequest(transport, spec, options.budget);
  if (answer.status < 200 || answer.status >= 300) throw answerError(answer, options.what);
  try {
    return JSON.parse(answer.body) as T;
  } catch (error) {
    throw new GraphError('graph_bad_response', { cause: error });
  }
}

/** `$filter`/`$select` etc. as one query string, each value percent-encoded (a picker query may hold `&` or `#`). */
export function query(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
