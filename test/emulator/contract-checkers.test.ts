// The contract checkers themselves: each kind of mistake they exist to catch is caught (so a passing shapes or error
// test means something), and Microsoft's own documented samples pass.

import { describe, expect, it } from 'vitest';
import { entraErrorBodyProblems, entraRedirectErrorProblems, graphErrorBodyProblems } from './contract/error-bodies.ts';
import { CAST_TYPES, CONTEXTS } from './contract/generate-shapes.ts';
import { graphBodyProblems, loadShapes, parseContext } from './contract/shapes.ts';

const BASE = 'https://graph.microsoft.com/v1.0/$metadata#';
const USER = { id: '87d349ed-44d7-43e1-9a83-5f2406dee5bd', displayName: 'Megan Bowen', accountEnabled: true };

describe('graph-shapes.json', () => {
  it('was generated from the current list of context paths (else: npm run contract:shapes)', () => {
    const data = loadShapes();
    expect(Object.keys(data.contexts)).toEqual(CONTEXTS);
    for (const type of [...Object.values(data.contexts), ...CAST_TYPES]) expect(data.types[type], type).toBeDefined();
  });
});

describe('graphBodyProblems', () => {
  it('passes a user, a user list, and a delta page with @removed and members@delta', () => {
    expect(graphBodyProblems({ '@odata.context': `${BASE}users/$entity`, ...USER })).toEqual([]);
    expect(graphBodyProblems({ '@odata.context': `${BASE}users`, '@odata.nextLink': 'https://x/next', value: [USER] })).toEqual([]);
    const page = {
      '@odata.context': `${BASE}groups(id,displayName,members)`,
      '@odata.deltaLink': 'https://x/delta',
      value: [
        {
          id: 'g1',
          displayName: 'Sales',
          'members@delta': [
            { '@odata.type': '#microsoft.graph.user', id: 'u1' },
            { '@odata.type': '#microsoft.graph.user', id: 'u2', '@removed': { reason: 'deleted' } },
          ],
        },
        { id: 'g2', '@removed': { reason: 'changed' } },
      ],
    };
    expect(graphBodyProblems(page, { delta: true, select: ['id', 'displayName', 'members'] })).toEqual([]);
  });

  it.each([
    ['an unknown property', { ...USER, favouriteColour: 'blue' }, "no property 'favouriteColour'"],
    ['a Boolean as a string', { ...USER, accountEnabled: 'true' }, 'expected Edm.Boolean'],
    ['a date without its offset', { ...USER, createdDateTime: '2024-01-01T00:00:00' }, 'expected Edm.DateTimeOffset'],
    ['null for a collection', { ...USER, businessPhones: null }, 'expected Collection(Edm.String)'],
    ['null for a non-nullable property', { ...USER, id: null }, 'Nullable="false"'],
    ['a wrong complex property', { ...USER, assignedLicenses: [{ skuId: 'not-a-guid', disabledPlans: [] }] }, 'expected Edm.Guid'],
    ['an unknown @odata.type', { ...USER, '@odata.type': '#microsoft.graph.unicorn' }, 'is no type'],
    ['a non-OData annotation', { ...USER, '@emulator.note': 'x' }, 'only @odata.*'],
    ['@removed outside delta', { ...USER, '@removed': { reason: 'deleted' } }, 'outside a delta'],
  ])('finds %s', (_, entity, problem) => {
    const problems = graphBodyProblems({ '@odata.context': `${BASE}users/$entity`, ...entity });
    expect(problems.join('\n')).toContain(problem);
  });

  it('finds an enum value outside the enum, a cast to an unrelated type, and properties outside $select', () => {
    const health = {
      '@odata.context': `${BASE}admin/serviceAnnouncement/healthOverviews`,
      value: [{ id: 'Exchange', service: 'Exchange Online', status: 'fine' }],
    };
    expect(graphBodyProblems(health).join('\n')).toContain('no member of microsoft.graph.serviceHealthStatus');
    const cast = { '@odata.context': `${BASE}directoryObjects`, value: [{ '@odata.type': '#microsoft.graph.drive', id: 'x' }] };
    expect(graphBodyProblems(cast).join('\n')).toContain('does not derive from microsoft.graph.directoryObject');
    expect(graphBodyProblems({ '@odata.context': `${BASE}users/$entity`, ...USER }, { select: ['displayName'] })).toEqual([
      'accountEnabled: not in $select=displayName',
    ]);
  });

  it('finds a context that names nothing in the CSDL data', () => {
    expect(graphBodyProblems({ '@odata.context': `${BASE}unicorns`, value: [] }).join('\n')).toContain('names no context');
  });

  it('reads keys, select lists and casts out of context URLs', () => {
    expect(parseContext(`${BASE}users('8f2a')/mailFolders/$entity`)).toEqual({
      path: 'users/mailFolders',
      entity: true,
      select: undefined,
    });
    expect(parseContext(`${BASE}users(id,displayName)`)).toEqual({ path: 'users', entity: false, select: ['id', 'displayName'] });
    expect(parseContext(`${BASE}directoryObjects/microsoft.graph.directoryRole`)?.path).toBe(
      'directoryObjects/microsoft.graph.directoryRole',
    );
    const fn = { '@odata.context': `${BASE}Collection(unifiedRoleEligibilityScheduleInstance)`, value: [{ id: 'x', roleDefinitionId: 7 }] };
    expect(graphBodyProblems(fn)).toEqual(['value[0].roleDefinitionId: expected Edm.String, got 7']);
  });
});

describe('error bodies', () => {
  const graphError = {
    error: {
      code: 'Request_ResourceNotFound',
      message: "Resource 'x' does not exist.",
      innerError: {
        date: '2021-09-14T19:05:24',
        'request-id': 'f88be238-1339-49c8-b03d-37f45d54761f',
        'client-request-id': '30d8081a-f3e8-73e0-2da4-3480fb56ccdb',
      },
    },
  };

  it("passes Graph's documented error body and finds what differs from it", () => {
    expect(graphErrorBodyProblems(graphError)).toEqual([]);
    expect(graphErrorBodyProblems({ error: { code: 'x', message: 'y' } })).toEqual(["error: 'innerError' is missing"]);
    const badDate = { error: { ...graphError.error, innerError: { ...graphError.error.innerError, date: '2021-09-14T19:05:24Z' } } };
    expect(graphErrorBodyProblems(badDate).join('\n')).toContain('error.innerError.date');
    expect(graphErrorBodyProblems({ ...graphError, extra: 1 })).toEqual(["(body): 'extra' is not allowed"]);
  });

  // entra-docs docs/identity-platform/reference-error-codes.md's sample error response, with real GUIDs.
  const entraError = {
    error: 'invalid_scope',
    error_description:
      "AADSTS70011: The provided value for the input parameter 'scope' isn't valid.\r\nTrace ID: 0000aaaa-11bb-cccc-dd33-eeeeee333333\r\nCorrelation ID: aaaa0000-bb11-2222-33cc-444444dddddd\r\nTimestamp: 2016-01-09 02:02:12Z",
    error_codes: [70011],
    timestamp: '2016-01-09 02:02:12Z',
    trace_id: '0000aaaa-11bb-cccc-dd33-eeeeee333333',
    correlation_id: 'aaaa0000-bb11-2222-33cc-444444dddddd',
    error_uri: 'https://login.microsoftonline.com/error?code=70011',
  };

  it("passes Entra's documented sample and finds what differs from it", () => {
    expect(entraErrorBodyProblems(entraError)).toEqual([]);
    expect(entraErrorBodyProblems({ ...entraError, error_codes: ['70011'] }).join('\n')).toContain('error_codes');
    expect(
      entraErrorBodyProblems({ ...entraError, error_description: entraError.error_description.replace(/\r\n/g, ' ') }).join('\n'),
    ).toContain('expected to end');
    expect(entraErrorBodyProblems({ ...entraError, timestamp: '2016-01-09T02:02:12Z' }).join('\n')).toContain('timestamp');
    const { trace_id: _, ...noTrace } = entraError;
    expect(entraErrorBodyProblems(noTrace).join('\n')).toContain("'trace_id' is missing");
  });

  it('checks authorize errors sent to the redirect URI', () => {
    const ok = new URLSearchParams({
      error: 'login_required',
      error_description: 'AADSTS50058: A silent sign-in request was sent.',
      state: 's',
    });
    expect(entraRedirectErrorProblems(ok)).toEqual([]);
    expect(entraRedirectErrorProblems(new URLSearchParams({ error: 'login_required', error_description: 'no user' })).join('\n')).toContain(
      'AADSTSnnnn',
    );
    expect(entraRedirectErrorProblems(new URLSearchParams({ ...Object.fromEntries(ok), iss: 'x' }))).toEqual([
      "(redirect): 'iss' is not allowed",
    ]);
  });
});
