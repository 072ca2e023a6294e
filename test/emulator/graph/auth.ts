// Bearer token checks for Graph: signature by the org's key, issuer, audience, lifetime, and revocation against the
// tenant's current state (control API), so revoking a grant takes effect on tokens already issued.

import { decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { UserRecord } from '../org/directory.ts';
import { GRAPH_RESOURCE, type OrgRuntime, type TenantState } from '../state.ts';
import { GraphError } from './types.ts';

export interface Authenticated {
  org: OrgRuntime;
  user: UserRecord;
  scopes: Set<string>;
}

const invalid = (message: string) => new GraphError(401, 'InvalidAuthenticationToken', message);

// Verified signatures, so that paging through 100 delta pages does not verify the same JWT 100 times.
const verified = new Map<string, JWTPayload>();
const CACHE_SIZE = 500;

async function verify(state: TenantState, token: string): Promise<{ org: OrgRuntime; payload: JWTPayload }> {
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch {
    throw invalid(
      'IDX14100: JWT is not well formed, there are no dots (.).\nThe token needs to be in JWS or JWE Compact Serialization Format.',
    );
  }
  const org = typeof claims.tid === 'string' ? state.orgById(claims.tid) : undefined;
  if (!org) throw invalid('Access token validation failure. Invalid issuer.');
  // Keyed by issuer too: two tenants in one process may share a tenant id but never a key.
  const cacheKey = `${org.issuer} ${token}`;
  const cached = verified.get(cacheKey);
  if (cached) {
    if ((cached.exp ?? 0) * 1000 <= state.clock.now()) throw invalid('Lifetime validation failed, the token is expired.');
    return { org, payload: cached };
  }
  try {
    const { payload } = await jwtVerify(token, org.verifyKey, {
      issuer: org.issuer,
      audience: GRAPH_RESOURCE,
      currentDate: new Date(state.clock.now()),
    });
    if (verified.size >= CACHE_SIZE) verified.clear();
    verified.set(cacheKey, payload);
    return { org, payload };
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw invalid('Lifetime validation failed, the token is expired.');
    if (err instanceof joseErrors.JWTClaimValidationFailed)
      throw invalid(`Access token validation failure. Invalid ${err.claim === 'aud' ? 'audience' : err.claim}.`);
    throw invalid('Access token validation failure. Invalid signature.');
  }
}

export async function authenticateBearer(state: TenantState, authorization: string | undefined): Promise<Authenticated> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match?.[1]) throw invalid('Access token is empty.');
  const { org, payload } = await verify(state, match[1]);
  const jti = typeof payload.jti === 'string' ? payload.jti : '';
  const issuedMs = state.issuedAccess.get(jti) ?? (payload.iat ?? 0) * 1000;
  if (state.accessValidFrom > issuedMs) throw invalid('Lifetime validation failed, the token is expired.');
  const oid = typeof payload.oid === 'string' ? payload.oid : '';
  if (state.isRevoked(oid, issuedMs)) {
    throw invalid(
      'Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp',
    );
  }
  const user = org.generated.directory.user(oid);
  if (!user) throw invalid('Access token validation failure. The user or administrator no longer exists or is disabled.');
  // A disabled user's unexpired token is still honoured: only a CAE token (issued to a client that declares the `cp1`
  // capability) is refused before it expires. entra-docs docs/identity/conditional-access/concept-continuous-access-evaluation.md:
  // "Before continuous access evaluation, clients would replay the access token from its cache as long as it wasn't
  // expired. With CAE, we introduce a new case where a resource provider can reject a token when it isn't expired",
  // and without it the refresh is where "the user is disabled in the directory" is evaluated (here: AADSTS50057);
  // docs/identity-platform/app-resilience-continuous-access-evaluation.md: only an app that "declares it can handle
  // CAE" receives CAE tokens. This tenant issues none (the extension declares no capability).
  const scopes = new Set((typeof payload.scp === 'string' ? payload.scp : '').split(' ').filter(Boolean));
  return { org, user, scopes };
}
