import { GraphError } from '../errors/app-error';
import { type FailureIds, graphFailureIds } from '../errors/failure-ids';
import type { MessageKey } from '../i18n/t';
import { phrase } from '../errors/phrase';
import { decideRetry, RETRIED_STATUSES, RETRY_BUDGETS, type RetryBudgetName } from './retry';
import { answerError, type BeforeWait, deferral, type GraphTransport, graphRequest } from './transport';

/**
 * The one `$batch` client (microsoft-graph-docs-contrib concepts/json-batching.md,
 * https://learn.microsoft.com/graph/json-batching): at most 20 requests in one batch; each inner request gets its own
 * status, and a throttled one answers 429 with its own Retry-After inside the batch ("Throttling and batching":
 * retry only the failed requests after that time).
 */
export const MAX_BATCH = 20;

/** One GET inside a batch; `url` is relative to the version root, e.g. `/users?$filter=...`. */
export interface BatchRequest {
  id: string;
  url: string;
}

export interface BatchResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** For an error answer: Microsoft's ids of it (its own headers and innerError over the batch's), for support. */
  ids?: FailureIds;
}

/** An inner error answer's ids: its own where Graph gave them, else the batch's (support finds the batch by them). */
function innerIds(response: BatchResponse, outer: FailureIds | undefined): FailureIds | undefined {
  const own = graphFailureIds({ get: (name) => header(response.headers, name) ?? null }, JSON.stringify(response.body ?? null));
  return own || outer ? { ...outer, ...own } : undefined;
}

function malformed(why: MessageKey): GraphError {
  return new GraphError('graph_malformed_page', { detail: phrase('sync_pageProblem', '$batch', phrase(why)) });
}

function header(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function parseResponses(body: string, expected: readonly string[]): BatchResponse[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw malformed('sync_pageNotJson');
  }
  const list = (json as { responses?: unknown } | null)?.responses;
  if (!Array.isArray(list)) throw malformed('sync_batchNoResponses');
  const responses = list.map((raw: unknown): BatchResponse => {
    const entry = (raw ?? {}) as Record<string, unknown>;
    if (typeof entry.id !== 'string' || typeof entry.status !== 'number') throw malformed('sync_batchResponseWithoutId');
    const headers = typeof entry.headers === 'object' && entry.headers !== null ? (entry.headers as Record<string, string>) : {};
    return { id: entry.id, status: entry.status, headers, body: entry.body };
  });
  const answered = new Set(responses.map((response) => response.id));
  if (expected.some((id) => !answered.has(id))) throw malformed('sync_batchUnanswered');
  return responses;
}

/**
 * Run GETs through `$batch`, 20 at a time, within the caller's budget. The batch itself is one request of the
 * transport; an inner 429/503/504 is sent again after its own Retry-After (or a backoff). A wait the budget does not
 * allow throws the deferral where the caller may defer (the sync); elsewhere the inner answer is returned as Graph
 * gave it, for the caller to read as a failed part. Every other answer is returned.
 */
export async function batchGet(
  transport: GraphTransport,
  requests: readonly BatchRequest[],
  budget: RetryBudgetName,
  beforeWait?: BeforeWait,
): Promise<Map<string, BatchResponse>> {
  const random = (): number => (transport.random ? transport.random() : Math.random());
  const results = new Map<string, BatchResponse>();
  const attempts = new Map<string, number>();
  let pending = [...requests];
  while (pending.length) {
    const again: BatchRequest[] = [];
    let waitMs = 0;
    for (let i = 0; i < pending.length; i += MAX_BATCH) {
      const part = pending.slice(i, i + MAX_BATCH);
      const answer = await graphRequest(
        transport,
        {
          url: '/$batch',
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: { requests: part.map((request) => ({ id: request.id, method: 'GET', url: request.url })) },
          what: phrase('sync_whatBatch'),
        },
        budget,
        beforeWait,
      );
      if (answer.status !== 200) throw answerError(answer, phrase('sync_whatBatch'));
      for (const response of parseResponses(
        answer.body,
        part.map((request) => request.id),
      )) {
        const request = part.find((candidate) => candidate.id === response.id);
        if (!request) continue;
        if (response.status >= 400) {
          const ids = innerIds(response, graphFailureIds(answer.headers, undefined));
          if (ids) response.ids = ids;
        }
        if (RETRIED_STATUSES.has(response.status)) {
          const attempt = (attempts.get(request.id) ?? 0) + 1;
          attempts.set(request.id, attempt);
          const decision = decideRetry(
            { status: response.status, retryAfter: header(response.headers, 'retry-after'), attempt },
            transport.now(),
            random,
            RETRY_BUDGETS[budget],
          );
          if (decision.kind === 'defer') throw deferral(response.status, decision.waitMs, response.ids);
          if (decision.kind === 'retry') {
            again.push(request);
            waitMs = Math.max(waitMs, decision.waitMs);
            continue;
          }
        }
        results.set(request.id, response);
      }
    }
    if (again.length) {
      await beforeWait?.(waitMs);
      await transport.sleep(waitMs);
    }
    pending = again;
  }
  return results;
}
