import { describe, expect, it } from 'vitest';
import { scopesFor } from '../../../lib/connectors/services';
import { evaluatePreflight, type PermissionGrant, type RegistrationFacts } from '../../../lib/registration/preflight';

const APP_SP = 'sp-app';
const GRAPH_SP = 'sp-graph';
const ME = 'user-admin';
const OTHER = 'user-other';
const REDIRECT = 'https://iaoafjmjbhidbadlbfodfadofaghkmon.chromiumapp.org/';

const grant = (consentType: 'AllPrincipals' | 'Principal', scope: string, extra: Partial<PermissionGrant> = {}): PermissionGrant => ({
  clientId: APP_SP,
  consentType,
  principalId: consentType === 'Principal' ? ME : null,
  resourceId: GRAPH_SP,
  scope,
  ...extra,
});

const facts = (patch: Partial<RegistrationFacts> = {}): RegistrationFacts => ({
  servicePrincipal: { id: APP_SP },
  graphServicePrincipal: { id: GRAPH_SP },
  grants: [],
  application: { spa: [REDIRECT], web: [], publicClient: [] },
  tenantName: 'Contoso',
  ...patch,
});

const run = (needed: string[], patch: Partial<RegistrationFacts> = {}, redirectUri = REDIRECT) =>
  evaluatePreflight({ needed, userId: ME, redirectUri, facts: facts(patch) });

describe('evaluatePreflight: permissions', () => {
  it.each<[string, PermissionGrant[], Record<string, string>]>([
    [
      'admin consent for all users',
      [grant('AllPrincipals', 'User.Read Files.Read')],
      { 'User.Read': 'admin_consent', 'Files.Read': 'admin_consent' },
    ],
    ['this user only', [grant('Principal', 'User.Read Files.Read')], { 'User.Read': 'user_consent', 'Files.Read': 'user_consent' }],
    [
      'admin consent wins over the user’s own',
      [grant('Principal', 'User.Read'), grant('AllPrincipals', 'User.Read')],
      { 'User.Read': 'admin_consent', 'Files.Read': 'missing' },
    ],
    [
      'another user’s consent does not count',
      [grant('Principal', 'User.Read Files.Read', { principalId: OTHER })],
      { 'User.Read': 'missing', 'Files.Read': 'missing' },
    ],
    [
      'a grant to another API does not count',
      [grant('AllPrincipals', 'User.Read Files.Read', { resourceId: 'sp-sharepoint' })],
      { 'User.Read': 'missing', 'Files.Read': 'missing' },
    ],
    [
      'another app’s grant does not count',
      [grant('AllPrincipals', 'User.Read Files.Read', { clientId: 'sp-other-app' })],
      { 'User.Read': 'missing', 'Files.Read': 'missing' },
    ],
    [
      'scope names compare without case, extra spaces ignored',
      [grant('AllPrincipals', '  user.read   FILES.READ ')],
      { 'User.Read': 'admin_consent', 'Files.Read': 'admin_consent' },
    ],
    [
      'Files.Read.All does not stand in for Files.Read',
      [grant('AllPrincipals', 'User.Read Files.Read.All')],
      { 'User.Read': 'admin_consent', 'Files.Read': 'missing' },
    ],
  ])('%s', (_, grants, expected) => {
    const report = run(['User.Read', 'Files.Read'], { grants });
    expect(Object.fromEntries(report.permissions.map((p) => [p.scope, p.standing]))).toEqual(expected);
  });

  it('names each missing permission and asks admin consent for those only this user has', () => {
    const report = run(['User.Read', 'Mail.ReadBasic', 'Files.Read'], {
      grants: [grant('AllPrincipals', 'User.Read'), grant('Principal', 'Files.Read')],
    });
    expect(report.problems).toEqual([
      { kind: 'permission_missing', scope: 'Mail.ReadBasic' },
      { kind: 'admin_consent_missing', scopes: ['Files.Read'] },
    ]);
    expect(report.adminConsent).toBe('some');
  });

  it.each<[string, PermissionGrant[], string]>([
    ['all', [grant('AllPrincipals', 'User.Read Files.Read')], 'all'],
    ['some', [grant('AllPrincipals', 'User.Read'), grant('Principal', 'Files.Read')], 'some'],
    ['none', [grant('Principal', 'User.Read Files.Read')], 'none'],
    ['none when nothing is granted', [], 'none'],
  ])('admin consent: %s', (_, grants, expected) => {
    expect(run(['User.Read', 'Files.Read'], { grants }).adminConsent).toBe(expected);
  });

  it('no service principal in the tenant: nobody consented, every permission is missing', () => {
    const report = run(['User.Read'], { servicePrincipal: null, grants: [grant('AllPrincipals', 'User.Read')] });
    expect(report.permissions).toEqual([{ scope: 'User.Read', standing: 'missing' }]);
    expect(report.adminConsent).toBe('none');
  });

  it.each<[string, Partial<RegistrationFacts>]>([
    ['grants', { grants: 'unreadable' }],
    ['the app’s service principal', { servicePrincipal: 'unreadable' }],
    ['Microsoft Graph’s service principal', { graphServicePrincipal: 'unreadable' }],
  ])('%s not readable: unknown, not missing, and said so', (_, patch) => {
    const report = run(['User.Read'], { ...patch });
    expect(report.permissions).toEqual([{ scope: 'User.Read', standing: 'unknown' }]);
    expect(report.adminConsent).toBe('unknown');
    expect(report.problems).toEqual([{ kind: 'grants_unverified' }]);
  });

  it('checks exactly what scopesFor(services) asks, in its order', () => {
    const needed = scopesFor(['exchange', 'onedrive']);
    const report = run(needed, { grants: [grant('AllPrincipals', needed.join(' '))] });
    expect(report.permissions.map((p) => p.scope)).toEqual(needed);
    expect(report.problems).toEqual([]);
    expect(report.adminConsent).toBe('all');
  });
});

describe('evaluatePreflight: redirect URI', () => {
  it.each<[string, RegistrationFacts['application'], string, unknown[]]>([
    ['under Single-page application', { spa: [REDIRECT], web: [], publicClient: [] }, 'spa', []],
    [
      'under Web',
      { spa: [], web: [REDIRECT], publicClient: [] },
      'web',
      [{ kind: 'redirect_wrong_platform', redirectUri: REDIRECT, platform: 'web' }],
    ],
    [
      'under Mobile and desktop',
      { spa: [], web: [], publicClient: [REDIRECT] },
      'public_client',
      [{ kind: 'redirect_wrong_platform', redirectUri: REDIRECT, platform: 'public_client' }],
    ],
    ['SPA wins when also listed elsewhere', { spa: [REDIRECT], web: [REDIRECT], publicClient: [] }, 'spa', []],
    [
      'not registered',
      { spa: ['https://other.chromiumapp.org/'], web: [], publicClient: [] },
      'missing',
      [{ kind: 'redirect_missing', redirectUri: REDIRECT }],
    ],
    [
      'a URI without its trailing slash is another URI',
      { spa: [REDIRECT.slice(0, -1)], web: [], publicClient: [] },
      'missing',
      [{ kind: 'redirect_missing', redirectUri: REDIRECT }],
    ],
    ['registered in another tenant', null, 'unknown', [{ kind: 'redirect_unverified', reason: 'other_tenant' }]],
    ['not readable', 'unreadable', 'unknown', [{ kind: 'redirect_unverified', reason: 'not_readable' }]],
  ])('%s', (_, application, redirect, problems) => {
    const report = run(['User.Read'], { application, grants: [grant('AllPrincipals', 'User.Read')] });
    expect(report.redirect).toBe(redirect);
    expect(report.problems).toEqual(problems);
  });
});
