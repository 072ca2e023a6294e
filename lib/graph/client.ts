import { AuthenticationHandler, Client, HTTPMessageHandler, type Middleware, TelemetryHandler } from '@microsoft/microsoft-graph-client';
import { GraphError } from '../errors/app-error';
import type { FailureIds } from '../errors/failure-ids';
import type { ErrorCode } from '../errors/codes';
import { HostGuardMiddleware } from './host-guard';
import { type Param, phrase } from '../errors/phrase';

export interface GraphClientOptions {
  /** The tenant's cloud Graph origin, e.g. https://graph.microsoft.com */
  graphHost: string;
  /** Called for each request that passes the host guard. */
  getAccessToken(): Promise<string>;
}

/**
 * The bottom of the Graph transport (transport.ts): the Graph SDK's middleware chain that sends one attempt of one
 * request and attaches the token only on the tenant's Graph origin. No redirect or retry middleware: redirects are
 * not followed with a token, and retries (Retry-After, backoff, deferral) are the transport's, within the caller's
 * budget. Only transport.ts calls `api()` on the client this returns.
 */
export function createGraphClient(options: GraphClientOptions): Client {
  const chain: Middleware[] = [
    new HostGuardMiddleware(options.graphHost),
    new AuthenticationHandler({ getAccessToken: () => options.getAccessToken() }),
    new TelemetryHandler(),
    new HTTPMessageHandler(),
  ];
  chain.reduce((previous, next) => (previous.setNext?.(next), next));
  return Client.initWithMiddleware({
    middleware: chain[0],
    baseUrl: `${new URL(options.graphHost).origin}/`,
    customHosts: new Set([new URL(options.graphHost).hostname]),
    defaultVersion: 'v1.0',
    fetchOptions: { credentials: 'omit', redirect: 'error' },
  });
}

const STATUS_CODES: Record<number, ErrorCode> = {
  401: 'graph_unauthorized',
  403: 'graph_forbidden',
  404: 'graph_not_found',
  429: 'graph_throttled',
  503: 'graph_unavailable',
  504: 'graph_unavailable',
};

/** The GraphError for an HTTP error status, with Graph's own error code and Retry-After where they help. */
export function graphErrorForStatus(
  status: number,
  graphCode: string | undefined,
  headers: unknown,
  what: Param,
  cause?: unknown,
  ids?: FailureIds,
): GraphError {
  const code = STATUS_CODES[status] ?? (status >= 500 ? 'graph_unavailable' : 'graph_bad_response');
  const details: Partial<Record<ErrorCode, Param>> = {
    graph_not_found: what,
    graph_forbidden: graphCode ?? `HTTP ${status}`,
    graph_throttled: retryAfter(headers) ?? phrase('graph_aFew'),
  };
  const result = new GraphError(code, { detail: details[code], cause, ...(ids && { ids }) });
  result.status = status;
  return result;
}

function retryAfter(headers: unknown): string | undefined {
  if (headers instanceof Headers) return headers.get('Retry-After') ?? undefined;
  return undefined;
}
