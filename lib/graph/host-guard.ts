import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { GraphError } from '../errors/app-error';
import type { Param } from '../errors/phrase';

/**
 * True only for an https URL on exactly the tenant's Graph origin (scheme, host and port). Stricter than the Graph
 * client's own check, which ignores the port and trusts every national cloud's host: a nextLink or redirect to any
 * other place must never receive the tenant's token.
 */
export function isAllowedGraphUrl(url: string, graphHost: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.origin === new URL(graphHost).origin;
}

/** Throw before any request whose URL is not on the tenant's Graph origin (so no token is fetched or sent). */
export function assertGraphUrl(url: string, graphHost: string): void {
  if (!isAllowedGraphUrl(url, graphHost)) {
    let shown: Param = { key: 'graph_unknownPlace' };
    try {
      shown = new URL(url).host;
    } catch {
      // not a URL at all: keep the generic words
    }
    throw new GraphError('graph_host_not_allowed', { detail: shown });
  }
}

/** First link of the Graph client's middleware chain: refuses foreign hosts before authentication runs. */
export class HostGuardMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly graphHost: string) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    assertGraphUrl(url, this.graphHost);
    if (!this.next) throw new Error('HostGuardMiddleware must not be the last middleware');
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
