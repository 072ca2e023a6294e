import type { GraphProfile } from './types';
import { type GraphTransport, graphGet, query } from './transport';
import { phrase } from '../errors/phrase';

/** The signed-in account's profile (GET /me, api-reference/v1.0/api/user-get.md), read while the admin signs in. */
export async function getProfile(transport: GraphTransport): Promise<GraphProfile> {
  const me = await graphGet<GraphProfile>(transport, `/me${query({ $select: 'id,displayName,userPrincipalName,mail' })}`, {
    what: phrase('graph_whatSignedInAccount'),
    budget: 'grantStep',
  });
  return { id: me.id, displayName: me.displayName, userPrincipalName: me.userPrincipalName, mail: me.mail ?? null };
}
