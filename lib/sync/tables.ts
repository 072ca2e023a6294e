// The sync's own bookkeeping table is typed by its owner, lib/store/sync.ts; the sync reads it from here.
export { seenTable } from '../store/sync';
