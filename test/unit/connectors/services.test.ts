import { describe, expect, it } from 'vitest';
import { COMMON_PERMISSIONS, permissionsFor, scopesFor, serviceById } from '../../../lib/connectors/services';

describe('permissionsFor', () => {
  const common = COMMON_PERMISSIONS.map((p) => p.scope);

  it.each([
    [['exchange'], ['Mail.ReadBasic.All']],
    [['sharepoint'], ['Sites.Read.All']],
    [['onedrive'], ['Files.Read.All']],
    [
      ['exchange', 'sharepoint', 'onedrive'],
      ['Mail.ReadBasic.All', 'Sites.Read.All', 'Files.Read.All'],
    ],
    [[], []],
  ] as const)('asks for %j: the common permissions plus %j', (services, extra) => {
    expect(scopesFor(services)).toEqual([...common, ...extra]);
  });

  it('gives every permission a one-line reason', () => {
    for (const permission of permissionsFor(['exchange', 'sharepoint', 'onedrive'])) {
      expect(permission.reason).toMatch(/^[A-Z].{10,100}\.$/);
    }
  });

  it('names services as Microsoft does', () => {
    expect(serviceById('onedrive')).toMatchObject({ label: 'OneDrive', healthName: 'OneDrive for Business' });
  });
});
