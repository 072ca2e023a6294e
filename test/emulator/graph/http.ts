// The HTTP face of Graph: /v1.0/... with CORS for any origin; everything else is plain data (router.ts).

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TenantState } from '../state.ts';
import { corsHeaders, readBody } from '../http-util.ts';
import { handleBatch } from './batch.ts';
import { handleGraphRequest } from './router.ts';
import { errorResponse, type GraphRequest, type GraphResponse } from './types.ts';

const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export function sendGraph(req: IncomingMessage, res: ServerResponse, response: GraphResponse): void {
  const text = typeof response.body === 'string' ? response.body : response.body === undefined ? '' : JSON.stringify(response.body);
  const headers = {
    ...corsHeaders(req),
    'content-type': typeof response.body === 'string' ? 'text/plain' : JSON_TYPE,
    'cache-control': 'no-cache',
    'content-length': Buffer.byteLength(text),
    ...response.headers,
  };
  // Set one by one, not through writeHead: the request log reads the answer's request-id back (server.ts).
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.writeHead(response.status);
  res.end(text);
}

export function graphRequestFrom(req: IncomingMessage, url: URL, body?: unknown): GraphRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return { method: req.method ?? 'GET', path: url.pathname.slice('/v1.0'.length) || '/', query: url.searchParams, headers, body };
}

/** `linkHost` (a foreign-link fault) replaces the tenant's host in the links of the answer. */
export async function handleGraphHttp(
  state: TenantState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  linkHost?: string,
): Promise<void> {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, corsHeaders(req));
    res.end();
    return;
  }
  let body: unknown;
  if (req.method === 'POST' || req.method === 'PATCH' || req.method === 'PUT') {
    const text = await readBody(req);
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      sendGraph(
        req,
        res,
        errorResponse(
          400,
          'BadRequest',
          'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
        ),
      );
      return;
    }
  }
  const request = graphRequestFrom(req, url, body);
  const base = linkHost ? `https://${linkHost}/v1.0` : `${state.url}/v1.0`;
  const response =
    request.path.toLowerCase() === '/$batch' && request.method === 'POST'
      ? await handleBatch(state, request, base)
      : await handleGraphRequest(state, request, base);
  sendGraph(req, res, response);
}
