import type { Client } from '@microsoft/microsoft-graph-client';
import { GraphError as ClientGraphError } from '@microsoft/microsoft-graph-client';
import { describe, expect, it, vi } from 'vitest';
import { AppError, appErrorFromWrapped, AuthError, GraphError } from '../../../lib/errors/app-error';
import { phrase, sayError } from '../../../lib/errors/phrase';
import { createGraphClient } from '../../../lib/graph/client';
import { MAX_WAIT_MS, RETRY_BUDGETS, TRANSIENT_ATTEMPTS } from '../../../lib/graph/retry';
import { answerError, graphGet, type GraphRequestSpec, graphRequest, type GraphTransport } from '../../../lib/graph/transport';

const HOST = 'https://graph.microsoft.com';

type Step = Response | Error;

/** A Graph client whose answers are scripted, recording the URLs it was asked for. */
function scriptedClient(steps: Step[]): { graph: Client; urls: string[] } {
  const urls: string[] = [];
  const request = (url: string) => {
    const chain = {
      responseType: () => chain,
      headers: () => chain,
      get: () => {
        urls.push(url);
        const step = steps.shift();
        return step instanceof Error ? Promise.reject(step) : Promise.resolve(step);
      },
    };
    return chain;
  };
  return { graph: { api: request } as unknown as Client, urls };
}

/** What the Graph client throws when fetch fails: its own GraphError named after the cause. */
function clientError(cause: Error): ClientGraphError {
  const error = new ClientGraphError(-1, '', cause);
  error.code = cause.name;
  return error;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const NOW = Date.parse('2025-06-01T12:00:00Z');

function deps(steps: Step[]): GraphTransport & { urls: string[]; waits: number[] } {
  const { graph, urls } = scriptedClient(steps);
  const waits: number[] = [];
  return {
    graph,
    urls,
    waits,
    graphHost: HOST,
    now: () => NOW,
    random: () => 0.5,
    sleep: (ms: number) => (waits.push(ms), Promise.resolve()),
  };
}

/** The sync's request, as the sync sends it (its budget defers). */
const sendWithRetry = (d: GraphTransport, spec: GraphRequestSpec, beforeWait?: (ms: number) => Promise<void>) =>
  graphRequest(d, spec, 'sync', beforeWait);

describe('graphRequest with the sync’s budget', () => {
  it.each([
    ['429 then 200', [json(429, {}, { 'retry-after': '3' }), json(200, { ok: 1 })], [3000], 200],
    ['503, dropped connection, 200', [json(503, {}), clientError(new TypeError('fetch failed')), json(200, {})], [750, 1500], 200],
    ['a 404 is returned to the caller', [json(404, { error: { code: 'Request_ResourceNotFound' } })], [], 404],
    ['a 410 is returned to the caller', [json(410, { error: { code: 'resyncRequired' } })], [], 410],
  ])('%s', async (_, steps, waits, status) => {
    const d = deps(steps);
    const answer = await sendWithRetry(d, { url: '/users/delta', what: 'users' });
    expect(answer.status).toBe(status);
    expect(d.waits).toEqual(waits);
  });

  it('defers instead of sleeping past the worker lifetime', async () => {
    const d = deps([json(429, {}, { 'retry-after': '120' })]);
    const error = await sendWithRetry(d, { url: '/users/delta', what: 'users' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'graph_throttled', retryAfterSeconds: 120, status: 429 });
    expect(d.waits).toEqual([]);
  });

  it('fails after a bounded number of transient failures', async () => {
    const d = deps(Array.from({ length: 10 }, () => json(503, {})));
    await expect(sendWithRetry(d, { url: '/users/delta', what: 'users' })).rejects.toMatchObject({
      code: 'graph_unavailable',
      status: 503,
    });
    expect(d.urls).toHaveLength(TRANSIENT_ATTEMPTS);
    expect(d.waits.every((ms) => ms <= MAX_WAIT_MS)).toBe(true);
  });

  it('renews before each wait', async () => {
    const d = deps([json(429, {}, { 'retry-after': '1' }), json(200, {})]);
    const beforeWait = vi.fn(() => Promise.resolve());
    await sendWithRetry(d, { url: '/x', what: 'x' }, beforeWait);
    expect(beforeWait).toHaveBeenCalledWith(1000);
  });

  it.each([
    ['https://evil.example/v1.0/users/delta?$skiptoken=a'],
    ['http://graph.microsoft.com/v1.0/users'],
    ['//evil.example/v1.0/users'],
    ['javascript:alert(1)'],
    ['users/delta'],
  ])('refuses %s before the client is asked', async (url) => {
    const d = deps([json(200, {})]);
    await expect(sendWithRetry(d, { url, what: 'users' })).rejects.toMatchObject({ code: 'graph_host_not_allowed' });
    expect(d.urls).toEqual([]);
  });

  it('does not retry what it does not understand', async () => {
    const d = deps([clientError(new RangeError('bug'))]);
    await expect(sendWithRetry(d, { url: '/x', what: 'x' })).rejects.toMatchObject({ code: 'unknown' });
    expect(d.waits).toEqual([]);
  });
});

describe('graphRequest within the other callers’ budgets', () => {
  it('waits a Retry-After given in seconds, then passes (a grant step)', async () => {
    const d = deps([json(429, {}, { 'Retry-After': '7' }), json(200, { value: [] })]);
    const answer = await graphRequest(d, { url: '/subscribedSkus', what: 'subscriptions' }, 'grantStep');
    expect(answer.status).toBe(200);
    expect(d.waits).toEqual([7000]);
  });

  it('waits a Retry-After given as an HTTP date', async () => {
    const d = deps([json(429, {}, { 'Retry-After': 'Sun, 01 Jun 2025 12:00:04 GMT' }), json(200, { value: [] })]);
    await graphRequest(d, { url: '/subscribedSkus', what: 'subscriptions' }, 'grantStep');
    expect(d.waits).toEqual([4000]);
  });

  it('a grant step asked to wait longer than the worker lives fails at once with graph_retry_exhausted, never deferred', async () => {
    const d = deps([json(429, {}, { 'Retry-After': '120' })]);
    const error = await graphRequest(d, { url: '/organization', what: 'org' }, 'grantStep').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ code: 'graph_retry_exhausted', status: 429, retryAfterSeconds: 120 });
    expect((error as GraphError).toData()).toEqual({ code: 'graph_retry_exhausted', params: ['120'] });
    expect(d.waits).toEqual([]);
  });

  it('a throttle that never ends uses up the budget after its attempts', async () => {
    const d = deps(Array.from({ length: 10 }, () => json(429, {}, { 'Retry-After': '1' })));
    await expect(graphRequest(d, { url: '/users', what: 'users' }, 'picker')).rejects.toMatchObject({ code: 'graph_retry_exhausted' });
    expect(d.urls).toHaveLength(RETRY_BUDGETS.picker.throttleAttempts);
    expect(d.waits).toEqual(Array.from({ length: RETRY_BUDGETS.picker.throttleAttempts - 1 }, () => 1000));
  });

  it('the picker does not wait what a grant step waits', async () => {
    const d = deps([json(429, {}, { 'Retry-After': '10' }), json(200, {})]);
    await expect(graphRequest(d, { url: '/users', what: 'users' }, 'picker')).rejects.toMatchObject({ code: 'graph_retry_exhausted' });
    const step = deps([json(429, {}, { 'Retry-After': '10' }), json(200, {})]);
    await expect(graphRequest(step, { url: '/users', what: 'users' }, 'grantStep')).resolves.toMatchObject({ status: 200 });
    expect(step.waits).toEqual([10_000]);
  });

  it('graphGet returns the JSON of a 2xx and the code of any other answer', async () => {
    const d = deps([json(200, { value: [1] }), json(403, { error: { code: 'Authorization_RequestDenied' } })]);
    await expect(graphGet(d, '/me', { what: 'me', budget: 'check' })).resolves.toEqual({ value: [1] });
    await expect(graphGet(d, '/me', { what: 'me', budget: 'check' })).rejects.toMatchObject({ code: 'graph_forbidden', status: 403 });
  });

  it.each([
    ['https://evil.example/v1.0/servicePrincipals?$skiptoken=a'],
    ['https://graph.microsoft.com.evil.example/v1.0/me'],
    ['https://graph.microsoft.com:8443/v1.0/me'],
    ['https://graph.microsoft.us/v1.0/me'],
  ])('graphGet refuses a link to %s before the client is asked, whatever the budget', async (url) => {
    for (const budget of Object.keys(RETRY_BUDGETS) as Array<keyof typeof RETRY_BUDGETS>) {
      const d = deps([json(200, {})]);
      await expect(graphGet(d, url, { what: 'x', budget })).rejects.toMatchObject({ code: 'graph_host_not_allowed' });
      expect(d.urls).toEqual([]);
    }
  });
});

describe('appErrorFromWrapped', () => {
  it.each([
    ['our own errors as they are', new AuthError('grant_revoked'), 'grant_revoked', AuthError],
    ['an AuthError wrapped by the Graph client', clientError(new AuthError('refresh_token_expired')), 'refresh_token_expired', AuthError],
    [
      'a host-guard error wrapped by the Graph client',
      clientError(new GraphError('graph_host_not_allowed', { detail: 'evil.example' })),
      'graph_host_not_allowed',
      GraphError,
    ],
  ])('rebuilds %s', (_, error, code, type) => {
    const recovered = appErrorFromWrapped(error);
    expect(recovered).toBeInstanceOf(type);
    expect(recovered?.code).toBe(code);
  });

  it('keeps the detail, a phrase included, from data and not from words', () => {
    const recovered = appErrorFromWrapped(clientError(new GraphError('graph_host_not_allowed', { detail: 'evil.example' })));
    expect(recovered?.toData()).toEqual({ code: 'graph_host_not_allowed', params: ['evil.example'] });
    const unknownPlace = appErrorFromWrapped(
      clientError(new GraphError('graph_host_not_allowed', { detail: phrase('graph_unknownPlace') })),
    );
    expect(unknownPlace?.toData()).toEqual({ code: 'graph_host_not_allowed', params: [{ key: 'graph_unknownPlace' }] });
  });

  it.each([
    [clientError(new TypeError('fetch failed'))],
    [new Error('x')],
    ['text'],
    [{ code: 'AuthError', message: 'words nobody wrote' }],
    // The English words of a code are not its data: nothing is recovered from translated text.
    [{ code: 'AuthError', message: sayError({ code: 'interaction_required' }) }],
    [{ code: 'GraphError', message: 'graph_host_not_allowed [broken' }],
  ])('leaves anything else alone (%#)', (error) => {
    expect(appErrorFromWrapped(error)).toBeUndefined();
  });

  it('recovers what the real client throws when the token getter fails', async () => {
    const graph = createGraphClient({ graphHost: HOST, getAccessToken: () => Promise.reject(new AuthError('interaction_required')) });
    const error: unknown = await (graph.api('/me').get() as Promise<unknown>).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(AppError);
    expect(appErrorFromWrapped(error)).toMatchObject({ code: 'interaction_required' });
  });
});

describe('answerError', () => {
  it.each([
    [401, {}, 'graph_unauthorized'],
    [403, { error: { code: 'Authorization_RequestDenied' } }, 'graph_forbidden'],
    [404, {}, 'graph_not_found'],
    [400, { error: { code: 'BadRequest' } }, 'graph_bad_response'],
    [500, {}, 'graph_unavailable'],
  ])('%i → %s', (status, body, code) => {
    const error = answerError({ status, headers: new Headers(), body: JSON.stringify(body) }, 'the users');
    expect(error).toMatchObject({ code, status });
  });

  it('names the refused permission in the words', () => {
    const error = answerError(
      { status: 403, headers: new Headers(), body: JSON.stringify({ error: { code: 'Authorization_RequestDenied' } }) },
      'x',
    );
    expect(error.message).toContain('Authorization_RequestDenied');
  });
});
