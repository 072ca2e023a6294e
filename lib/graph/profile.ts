import type { Client } from '@microsoft/microsoft-graph-client';
import type { GraphProfile } from './types';
import { toGraphError } from './client';
import { t } from '../i18n/t';

/** The signed-in account's profile (GET /me). */
export async function getProfile(client: Client): Promise<GraphProfile> {
  try {
    const me = (await client.api('/me').select(['id', 'displayName', 'userPrincipalName', 'mail']).get()) as GraphProfile;
    return { id: me.id, displayName: me.displayName, userPrincipalName: me.userPrincipalName, mail: me.mail ?? null };
  } catch (error) {
    throw toGraphError(error, t('graph_whatSignedInAccount'));
  }
}
