// JSON batching: up to 20 inner requests, each answered as Graph does, authorised with the outer token.

import type { TenantState } from '../state.ts';
import type { FaultKind } from '../types.ts';
import { authenticateBearer } from './auth.ts';
import { handleGraphRequest } from './router.ts';
import { errorResponse, GraphError, type GraphRequest, type GraphResponse } from './types.ts';

const MAX_REQUESTS = 20;
const STATUS_FAULTS: readonly FaultKind[] = ['429', '503', '504'];

interface InnerRequest {
  id?: unknown;
  method?: unknown;
  url?: unknown;
  headers?: unknown;
  body?: unknown;
  dependsOn?: unknown;
}

/** Graph's answer to an injected status fault. */
export function graphFaultResponse(kind: FaultKind, retryAfterSeconds: number | undefined, request?: GraphRequest): GraphResponse {
  switch (kind) {
    case '429':
      return errorResponse(429, 'TooManyRequests', 'Too many requests. Please retry after the time in the Retry-After header.', request, {
        'retry-after': String(retryAfterSeconds ?? 1),
      });
    case '503':
      return errorResponse(
        503,
        'serviceNotAvailable',
        'Service Unavailable',
        request,
        retryAfterSeconds ? { 'retry-after': String(retryAfterSeconds) } : {},
      );
    default:
      return errorResponse(504, 'UnknownError', 'Gateway Timeout', request);
  }
}

function innerRequest(raw: InnerRequest, outer: GraphRequest): GraphRequest {
  const url = typeof raw.url === 'string' ? raw.url : '';
  const parsed = new URL(url.replace(/^https?:\/\/[^/]+/i, '').replace(/^\/?(v1\.0\/)?/i, '/'), 'https://graph.invalid');
  const headers: Record<string, string | undefined> = {};
  if (raw.headers && typeof raw.headers === 'object') {
    for (const [k, v] of Object.entries(raw.headers as Record<string, unknown>)) headers[k.toLowerCase()] = String(v);
  }
  headers['authorization'] = outer.headers['authorization'];
  headers['client-request-id'] ??= outer.headers['client-request-id'];
  return {
    method: typeof raw.method === 'string' ? raw.method.toUpperCase() : 'GET',
    path: parsed.pathname,
    query: parsed.searchParams,
    headers,
    body: raw.body,
  };
}

export async function handleBatch(state: TenantState, request: GraphRequest, base: string): Promise<GraphResponse> {
  try {
    await authenticateBearer(state, request.headers['authorization']);
  } catch (err) {
    if (err instanceof GraphError) return errorResponse(err.status, err.code, err.message, request);
    throw err;
  }
  const body = request.body as { requests?: unknown } | undefined;
  if (!body || !Array.isArray(body.requests)) return errorResponse(400, 'BadRequest', 'Invalid batch payload format.', request);
  if (body.requests.length > MAX_REQUESTS) {
    return errorResponse(400, 'BadRequest', `Number of requests inside batch exceeds the limit of ${MAX_REQUESTS}.`, request);
  }
  const statuses = new Map<string, number>();
  const responses: Array<Record<string, unknown>> = [];
  for (const raw of body.requests as InnerRequest[]) {
    const id = typeof raw.id === 'string' || typeof raw.id === 'number' ? String(raw.id) : '';
    const inner = innerRequest(raw, request);
    const dependsOn = Array.isArray(raw.dependsOn) ? raw.dependsOn.map(String) : [];
    let response: GraphResponse;
    if (dependsOn.some((d) => (statuses.get(d) ?? 424) >= 400)) {
      response = errorResponse(424, 'FailedDependency', 'A request this request depends on failed.', inner);
    } else {
      const fault = state.faults.take(`/v1.0${inner.path}`, STATUS_FAULTS);
      response = fault ? graphFaultResponse(fault.kind, fault.retryAfterSeconds, inner) : await handleGraphRequest(state, inner, base);
    }
    statuses.set(id, response.status);
    const contentType =
      typeof response.body === 'string'
        ? 'text/plain'
        : 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8';
    const headers: Record<string, string> = { 'Content-Type': contentType };
    for (const [k, v] of Object.entries(response.headers ?? {})) {
      if (k === 'retry-after') headers['Retry-After'] = v;
      else if (k === 'location') headers['Location'] = v;
    }
    responses.push({ id, status: response.status, headers, body: response.body });
  }
  return { status: 200, body: { responses } };
}
