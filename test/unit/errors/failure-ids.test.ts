import type { Client } from '@microsoft/microsoft-graph-client';
import { GraphError as ClientGraphError } from '@microsoft/microsoft-graph-client';
import { InteractionRequiredAuthError, ServerError } from '@azure/msal-browser';
import { describe, expect, it } from 'vitest';
import { classifyAuthFailure } from '../../../lib/auth/classify-auth-error';
import { AppError, appErrorFromWrapped, AuthError, fromErrorData, GraphError, toErrorData } from '../../../lib/errors/app-error';
import { cleanFailureIds, graphFailureIds } from '../../../lib/errors/failure-ids';
import { batchGet } from '../../../lib/graph/batch';
import { graphGet, graphRequest, type GraphTransport } from '../../../lib/graph/transport';
import { authFailureOf } from '../../../lib/msal-host/msal-host';

// Entra's sample error response (MicrosoftDocs/entra-docs docs/identity-platform/reference-error-codes.md).
const TRACE = '0000aaaa-11bb-cccc-dd33-eeeeee333333';
const CORRELATION = 'aaaa0000-bb11-2222-33cc-444444dddddd';
const TIMESTAMP = '2016-01-09 02:02:12Z';
const DESCRIPTION = `AADSTS50173: The provided grant has expired due to it being revoked.\r\nTrace ID: ${TRACE}\r\nCorrelation ID: ${CORRELATION}\r\nTimestamp: ${TIMESTAMP}`;
// A Graph error answer (microsoft-graph-docs-contrib concepts/errors.md; headers: best-practices-concept.md).
const REQUEST_ID = 'f88be238-1339-49c8-b03d-37f45d54761f';
const CLIENT_REQUEST_ID = '30d8081a-f3e8-73e0-2da4-3480fb56ccdb';

describe('Graph ids of a failed request', () => {
  it('reads request-id, client-request-id and x-ms-ags-diagnostic from the headers, the date from innerError', () => {
    const headers = new Headers({
      'request-id': REQUEST_ID,
      'client-request-id': CLIENT_REQUEST_ID,
      'x-ms-ags-diagnostic': '{"ServerInfo":{}}',
    });
    const body = JSON.stringify({ error: { code: 'x', message: 'y', innerError: { date: '2021-09-14T19:05:24' } } });
    expect(graphFailureIds(headers, body)).toEqual({
      requestId: REQUEST_ID,
      clientRequestId: CLIENT_REQUEST_ID,
      diagnostic: '{"ServerInfo":{}}',
      timestamp: '2021-09-14T19:05:24',
    });
  });

  it("falls back to the error body's innerError when the headers are missing", () => {
    const body = JSON.stringify({ error: { innerError: { 'request-id': REQUEST_ID, 'client-request-id': CLIENT_REQUEST_ID } } });
    expect(graphFailureIds(new Headers(), body)).toEqual({ requestId: REQUEST_ID, clientRequestId: CLIENT_REQUEST_ID });
    expect(graphFailureIds(new Headers(), 'not json')).toBeUndefined();
  });

  it('keeps only known string fields of a sane length', () => {
    expect(cleanFailureIds({ traceId: TRACE, accessToken: 'eyJ...', requestId: 7, aadsts: 50173, correlationId: 'x'.repeat(401) })).toEqual(
      {
        traceId: TRACE,
        aadsts: '50173',
      },
    );
    expect(cleanFailureIds('nothing')).toBeUndefined();
  });
});

describe('an error keeps its ids across every boundary', () => {
  const ids = { aadsts: '50173', traceId: TRACE, correlationId: CORRELATION };

  it('in its data, and back', () => {
    const error = new AuthError('grant_revoked', { ids });
    expect(toErrorData(error)).toEqual({ code: 'grant_revoked', ids });
    expect(fromErrorData(toErrorData(error)).ids).toEqual(ids);
  });

  it('through a library that keeps only its name and message (the Graph client wrapping the token getter)', () => {
    const wrapped = new ClientGraphError(-1, '', new AuthError('grant_revoked', { detail: 'x', ids }));
    wrapped.code = 'AuthError';
    const rebuilt = appErrorFromWrapped(wrapped);
    expect(rebuilt).toBeInstanceOf(AuthError);
    expect(rebuilt?.toData()).toEqual({ code: 'grant_revoked', params: ['x'], ids });
  });

  it("from Entra's token endpoint answer, through msal's ServerError (ids only in its message)", () => {
    const msal = new ServerError(
      'invalid_grant',
      CORRELATION,
      `Error(s): 50173 - Timestamp: ${TIMESTAMP} - Description: ${DESCRIPTION} - Correlation ID: ${CORRELATION} - Trace ID: ${TRACE}`,
      '',
      '50173',
      400,
    );
    const error = classifyAuthFailure(authFailureOf(msal));
    expect(error.code).toBe('grant_revoked');
    expect(error.ids).toEqual({ aadsts: '50173', traceId: TRACE, correlationId: CORRELATION, timestamp: TIMESTAMP });
  });

  it("from msal's InteractionRequiredAuthError, which keeps trace_id and timestamp as fields", () => {
    const msal = new InteractionRequiredAuthError(
      'invalid_grant',
      CORRELATION,
      'AADSTS700084: expired',
      '',
      TIMESTAMP,
      TRACE,
      '',
      '700084',
    );
    expect(classifyAuthFailure(authFailureOf(msal)).ids).toEqual({
      aadsts: '700084',
      traceId: TRACE,
      correlationId: CORRELATION,
      timestamp: TIMESTAMP,
    });
  });

  it("has none when msal failed without Entra's answer", () => {
    expect(classifyAuthFailure({ errorCode: 'timed_out', fromServer: false }).ids).toBeUndefined();
  });
});

/** A transport whose Graph answers are scripted. */
function transport(answers: Response[]): GraphTransport {
  const chain = {
    responseType: () => chain,
    headers: () => chain,
    get: () => Promise.resolve(answers.shift()),
    post: () => Promise.resolve(answers.shift()),
  };
  return {
    graph: { api: () => chain } as unknown as Client,
    graphHost: 'https://graph.microsoft.com',
    now: () => 0,
    sleep: () => Promise.resolve(),
    random: () => 0.5,
  };
}

const graphError = (status: number, headers: Record<string, string> = {}) =>
  new Response(
    JSON.stringify({
      error: { code: 'generalException', innerError: { 'request-id': REQUEST_ID, 'client-request-id': CLIENT_REQUEST_ID } },
    }),
    {
      status,
      headers: { 'request-id': REQUEST_ID, 'client-request-id': CLIENT_REQUEST_ID, ...headers },
    },
  );

describe('the transport keeps the ids of the answer that failed', () => {
  it('on the GraphError of an error answer', async () => {
    const error = await graphGet(transport([graphError(403)]), '/users', { what: 'users', budget: 'check' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect((error as AppError).toData().ids).toEqual({ requestId: REQUEST_ID, clientRequestId: CLIENT_REQUEST_ID });
  });

  it("on a deferral: the last 503's ids", async () => {
    const error = await graphRequest(
      transport([graphError(503, { 'retry-after': '600' })]),
      { url: '/users/delta', what: 'users' },
      'sync',
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'graph_unavailable', ids: { requestId: REQUEST_ID, clientRequestId: CLIENT_REQUEST_ID } });
  });

  it("on an inner answer of a $batch: its own ids over the batch's", async () => {
    const inner = {
      id: 'exchange',
      status: 403,
      headers: { 'client-request-id': 'inner-client' },
      body: { error: { code: 'accessDenied' } },
    };
    const answer = new Response(JSON.stringify({ responses: [inner] }), { status: 200, headers: { 'request-id': REQUEST_ID } });
    const responses = await batchGet(transport([answer]), [{ id: 'exchange', url: '/me' }], 'check');
    expect(responses.get('exchange')?.ids).toEqual({ requestId: REQUEST_ID, clientRequestId: 'inner-client' });
  });
});
