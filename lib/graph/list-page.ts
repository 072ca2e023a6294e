import { GraphError } from '../errors/app-error';
import { type Param, phrase } from '../errors/phrase';
import type { MessageKey } from '../i18n/t';
import { assertGraphUrl } from './host-guard';

// Graph's collection pages, checked before anything is used: the sync's delta pages (lib/sync/delta-page.ts), the
// activity's logs and the monitor's service health issues all read them.

/** A page that is not what Graph documents: `graph_malformed_page`, saying of what and why. */
export function malformedPage(what: Param, why: MessageKey): GraphError {
  return new GraphError('graph_malformed_page', { detail: phrase('sync_pageProblem', what, phrase(why)) });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A plain collection page (`value` + optional nextLink), as /users, members and audit logs answer. */
export interface ListPage {
  value: Record<string, unknown>[];
  nextLink?: string;
}

/** Check an already parsed collection page (a `$batch` inner body); its nextLink must stay on the Graph origin. */
export function listFromJson(json: unknown, what: Param, graphHost: string): ListPage {
  if (!isRecord(json) || !Array.isArray(json.value)) throw malformedPage(what, 'sync_pageNoList');
  const nextLink = json['@odata.nextLink'];
  if (nextLink !== undefined && typeof nextLink !== 'string') throw malformedPage(what, 'sync_pageNextLinkNotText');
  if (nextLink !== undefined) assertGraphUrl(nextLink, graphHost);
  const value = json.value.filter(isRecord);
  if (value.length !== json.value.length) throw malformedPage(what, 'sync_pageEntryNotObject');
  return nextLink !== undefined ? { value, nextLink } : { value };
}

/** Parse and check a plain collection page. */
export function parseListPage(body: string, what: Param, graphHost: string): ListPage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw malformedPage(what, 'sync_pageNotJson');
  }
  return listFromJson(json, what, graphHost);
}
