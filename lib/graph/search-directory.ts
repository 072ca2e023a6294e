import type { Client } from '@microsoft/microsoft-graph-client';
import type { DirectoryMatch } from '../messaging/protocol';
import { toGraphError } from './client';
import { phrase } from '../i18n/phrase';

/** Users (by name or sign-in name) and groups (by name) whose names start with `query`: the picker's answers. */
export async function searchDirectory(client: Client, query: string, top = 10): Promise<DirectoryMatch[]> {
  const text = query.trim().replace(/'/g, "''");
  if (text.length === 0) return [];
  try {
    const [users, groups] = (await Promise.all([
      client
        .api('/users')
        .filter(`startswith(displayName,'${text}') or startswith(userPrincipalName,'${text}')`)
        .select(['id', 'displayName', 'userPrincipalName'])
        .top(top)
        .get(),
      client.api('/groups').filter(`startswith(displayName,'${text}')`).select(['id', 'displayName', 'mail']).top(top).get(),
    ])) as [
      { value?: Array<{ id: string; displayName?: string; userPrincipalName?: string }> },
      { value?: Array<{ id: string; displayName?: string; mail?: string | null }> },
    ];
    return [
      ...(users.value ?? []).map((u) => ({
        kind: 'user' as const,
        id: u.id,
        displayName: u.displayName ?? u.id,
        secondary: u.userPrincipalName ?? '',
      })),
      ...(groups.value ?? []).map((g) => ({
        kind: 'group' as const,
        id: g.id,
        displayName: g.displayName ?? g.id,
        secondary: g.mail ?? '',
      })),
    ];
  } catch (error) {
    throw toGraphError(error, phrase('graph_whatUsersAndGroups'));
  }
}
