// The sync's own bookkeeping tables are typed by their owner, lib/store/sync.ts; the sync reads them from here.
export { leaseTable, seenTable } from '../store/sync';
