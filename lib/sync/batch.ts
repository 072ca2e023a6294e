import { GraphError } from '../errors/app-error';
import type { MessageKey } from '../i18n/t';
import { answerError, deferral, sendWithRetry } from './graph-request';
import { decideRetry } from './retry';
import type { SyncDeps } from './types';
import { phrase } from '../i18n/phrase';

/** Graph's limit of requests in one JSON batch. */
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
}

type BatchDeps = Pick<SyncDeps, 'graph' | 'graphHost' | 'now' | 'sleep' | 'random'>;

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
 * Run GETs through `$batch`, 20 at a time. An inner 429/503/504 is retried after its own Retry-After (by the same
 * policy as single requests); a wait too long for the worker throws a deferral. Every other answer is returned.
 */
export async function batchGet(
  deps: BatchDeps,
  requests: readonly BatchRequest[],
  beforeWait?: (waitMs: number) => Promise<void>,
): Promise<Map<string, BatchResponse>> {
  const random = deps.random ?? Math.random;
  const results = new Map<string, BatchResponse>();
  const attempts = new Map<string, number>();
  let pending = [...requests];
  while (pending.length) {
    const again: BatchRequest[] = [];
    let waitMs = 0;
    for (let i = 0; i < pending.length; i += MAX_BATCH) {
      const part = pending.slice(i, i + MAX_BATCH);
      const answer = await sendWithRetry(
        deps,
        {
          url: '/$batch',
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: { requests: part.map((request) => ({ id: request.id, method: 'GET', url: request.url })) },
          what: phrase('sync_whatBatch'),
        },
        beforeWait,
      );
      if (answer.status !== 200) throw answerError(answer, phrase('sync_whatBatch'));
      for (const response of parseResponses(
        answer.body,
        part.map((request) => request.id),
      )) {
        const request = part.find((candidate) => candidate.id === response.id);
        if (!request) continue;
        if (response.status === 429 || response.status === 503 || response.status === 504) {
          const attempt = (attempts.get(request.id) ?? 0) + 1;
          attempts.set(request.id, attempt);
          const decision = decideRetry(
            { status: response.status, retryAfter: header(response.headers, 'retry-after'), attempt },
            deps.now(),
            random,
          );
          if (decision.kind === 'defer') throw deferral(response.status, decision.waitMs);
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
      await deps.sleep(waitMs);
    }
    pending = again;
  }
  return results;
}
