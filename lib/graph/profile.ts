import type { Client } from '@microsoft/microsoft-graph-client';
import type { GraphProfile } from './types';
import { toGraphError } from './client';
import { phrase } from '../i18n/phrase';

/** The signed-in account's profile (GET /me). */
export async function getProfile(client: Client): Promise<GraphProfile> {
  try {
    const me = (await client.api('/me').select(['id', 'displayName', 'userPrincipalName', 'mail']).get()) as GraphProfile;
    return { id: me.id, displayName: me.displayName, userPrincipalName: me.userPrincipalName, mail: me.mail ?? null };
  } catch (error) {
    throw toGraphError(error, phrase('graph_whatSignedInAccount'));
  }
}
