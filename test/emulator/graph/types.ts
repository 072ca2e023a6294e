// Graph requests and answers as plain data, so $batch can run inner requests through the same code as HTTP.

import { randomUUID } from 'node:crypto';
import type { UserRecord } from '../org/directory.ts';
import type { OrgRuntime, TenantState } from '../state.ts';

export interface GraphRequest {
  method: string;
  /** Path after /v1.0, e.g. `/users/abc`. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  body?: unknown;
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as-is (with its own content type). */
  body?: unknown;
}

export interface Caller {
  state: TenantState;
  org: OrgRuntime;
  user: UserRecord;
  scopes: Set<string>;
  request: GraphRequest;
  /** `https://localhost:PORT/v1.0` */
  base: string;
}

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  request?: GraphRequest,
  headers: Record<string, string> = {},
): GraphResponse {
  const requestId = randomUUID();
  const clientRequestId = request?.headers['client-request-id'] ?? requestId;
  return {
    status,
    headers: { 'request-id': requestId, 'client-request-id': clientRequestId, ...headers },
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
          'request-id': requestId,
          'client-request-id': clientRequestId,
        },
      },
    },
  };
}

export const notFound = (id: string) =>
  new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

export const badRequest = (message: string, code = 'BadRequest') => new GraphError(400, code, message);

export const denied = () => new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
