import { describe, expect, it } from 'vitest';
import type { ServiceId } from '../../../lib/db/types';
import { openIncidents } from '../../../lib/service-health/issues';

const issue = (patch: Record<string, unknown>): Record<string, unknown> => ({
  id: 'EX100001',
  title: 'Users can’t send mail',
  service: 'Exchange Online',
  classification: 'incident',
  status: 'serviceDegradation',
  isResolved: false,
  lastModifiedDateTime: '2026-12-05T03:00:00Z',
  ...patch,
});

// Microsoft's issues (servicehealthissue.md) → the open incidents of each connected service, newest update first.
const CASES: Array<[string, Array<Record<string, unknown>>, ServiceId[], ReturnType<typeof openIncidents>]> = [
  [
    'an open Exchange incident, in Microsoft’s words',
    [issue({})],
    ['exchange'],
    {
      exchange: [
        { id: 'EX100001', title: 'Users can’t send mail', status: 'serviceDegradation', lastUpdateAt: Date.parse('2026-12-05T03:00:00Z') },
      ],
    },
  ],
  ['an advisory is not an incident', [issue({ classification: 'advisory' })], ['exchange'], {}],
  ['a resolved one is over', [issue({ isResolved: true })], ['exchange'], {}],
  ['a service not connected', [issue({})], ['sharepoint'], {}],
  [
    'OneDrive by its health name, without case',
    [issue({ service: 'onedrive for business', classification: 'Incident' })],
    ['onedrive'],
    {
      onedrive: [
        { id: 'EX100001', title: 'Users can’t send mail', status: 'serviceDegradation', lastUpdateAt: Date.parse('2026-12-05T03:00:00Z') },
      ],
    },
  ],
  ['no title: nothing to say in Microsoft’s words', [issue({ title: null })], ['exchange'], {}],
  [
    'newest update first; no date keeps the issue, last',
    [
      issue({ id: 'A', lastModifiedDateTime: undefined }),
      issue({ id: 'B', lastModifiedDateTime: '2026-12-01T00:00:00Z' }),
      issue({ id: 'C' }),
    ],
    ['exchange'],
    {
      exchange: [
        expect.objectContaining({ id: 'C' }),
        expect.objectContaining({ id: 'B' }),
        { id: 'A', title: 'Users can’t send mail', status: 'serviceDegradation' },
      ],
    },
  ],
];

describe('open incidents of the connected services', () => {
  it.each(CASES)('%s', (_, issues, services, expected) => {
    expect(openIncidents(issues, services)).toEqual(expected);
  });
});
