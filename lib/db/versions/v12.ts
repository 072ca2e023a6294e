/**
 * Schema version 12: the events' time index over every kind (`[tenantId+occurredAt]`) goes (issue #18). Every event
 * an increment stores (1,100 for a 1% change of 100,000 users: one directory audit a change) wrote two index entries
 * besides the record, and Chromium's IndexedDB does an increment's writes one after another, beside the directory's
 * pages. The kind's time index (`[tenantId+kind+occurredAt]`) answers every read the other one served: the 7-day
 * window's prune and the console's activity read one range per kind (lib/store/events.ts). No upgrade step:
 * IndexedDB drops an index with its entries, and the records stay as they are.
 */
export const v12 = {
  version: 12,
  stores: {
    events: '[tenantId+id], [tenantId+kind+occurredAt]',
  },
} as const;
