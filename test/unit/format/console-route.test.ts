import { describe, expect, it } from 'vitest';
import { type ConsoleRoute, formatConsoleRoute, parseConsoleRoute } from '../../../lib/format/console-route';

const tenantId = '9f1c2e4a-0b6d-4c1e-8a3f-2d5e7b9c1a0f';

describe('console routes', () => {
  it.each<[string, ConsoleRoute]>([
    ['#/', { page: 'overview' }],
    ['#/monitor', { page: 'monitor' }],
    ['#/activity-log', { page: 'activity-log' }],
    ['#/settings', { page: 'settings' }],
    ['#/add-tenant', { page: 'add-tenant' }],
    [`#/tenants/${tenantId}`, { page: 'tenant', tenantId }],
    [`#/tenants/${tenantId}/grant`, { page: 'tenant', tenantId, section: 'grant' }],
    ['#/tenants/contoso.onmicrosoft.com', { page: 'tenant', tenantId: 'contoso.onmicrosoft.com' }],
  ])('%s is read as its page and written back the same', (hash, route) => {
    expect(parseConsoleRoute(hash)).toEqual(route);
    expect(formatConsoleRoute(route)).toBe(hash);
  });

  it.each(['', '#', '#/', '#//'])('%j is the overview', (hash) => {
    expect(parseConsoleRoute(hash)).toEqual({ page: 'overview' });
  });

  it.each([
    ['#/nowhere', '/nowhere'],
    ['#/tenants', '/tenants'],
    [`#/tenants/${tenantId}/delete`, `/tenants/${tenantId}/delete`],
    ['#/tenants/%E0%A4%A', '/tenants/%E0%A4%A'],
    ['#/monitor/extra', '/monitor/extra'],
  ])('%s is a page the console does not have, not the overview', (hash, path) => {
    expect(parseConsoleRoute(hash)).toEqual({ page: 'not-found', path });
  });

  it('escapes what a tenant id may carry, so that the id comes back whole', () => {
    const odd = 'a/b#c d';
    const hash = formatConsoleRoute({ page: 'tenant', tenantId: odd });
    expect(hash).toBe('#/tenants/a%2Fb%23c%20d');
    expect(parseConsoleRoute(hash)).toEqual({ page: 'tenant', tenantId: odd });
  });
});
