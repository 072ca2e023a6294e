import type { DirectoryMatch } from './types';
import { type GraphTransport, graphGet, query } from './transport';
import { phrase } from '../errors/phrase';

type Users = { value?: Array<{ id: string; displayName?: string; userPrincipalName?: string }> };
type Groups = { value?: Array<{ id: string; displayName?: string; mail?: string | null }> };

/**
 * Users (by name or sign-in name) and groups (by name) whose names start with `query`: the picker's answers
 * (user-list.md, group-list.md: `$filter` startswith, `$select`, `$top`), within the picker's short retry budget.
 */
export async function searchDirectory(transport: GraphTransport, text: string, top = 10): Promise<DirectoryMatch[]> {
  // A quote inside an OData string literal is written twice; `query` then percent-encodes the whole value, so `&`,
  // `#`, `%` and `+` reach Graph as text (concepts/query-parameters.md, "Encoding query parameters" and "Escaping
  // single quotes"). Proven against the local tenant by test/unit/graph/search-directory.test.ts.
  const literal = text.trim().replace(/'/g, "''");
  if (literal.length === 0) return [];
  const options = { what: phrase('graph_whatUsersAndGroups'), budget: 'picker' as const };
  const [users, groups] = await Promise.all([
    graphGet<Users>(
      transport,
      `/users${query({
        $filter: `startswith(displayName,'${literal}') or startswith(userPrincipalName,'${literal}')`,
        $select: 'id,displayName,userPrincipalName',
        $top: top,
      })}`,
      options,
    ),
    graphGet<Groups>(
      transport,
      `/groups${query({ $filter: `startswith(displayName,'${literal}')`, $select: 'id,displayName,mail', $top: top })}`,
      options,
    ),
  ]);
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
}
