import { storage } from 'wxt/utils/storage';
import type { UnrecordedEnd, UnrecordedEnds } from './unrecorded-end';

/** Unrecorded ends by tenant, in chrome.storage.session: memory only, so it works on a full disk. */
export const unrecordedEndsItem = storage.defineItem<Record<string, UnrecordedEnd>>('session:syncUnrecordedEnds', { fallback: {} });

/** The worker's store of unrecorded ends (lib/sync/unrecorded-end.ts). */
export const sessionUnrecordedEnds: UnrecordedEnds = {
  async get(tenantId) {
    return (await unrecordedEndsItem.getValue())[tenantId];
  },
  async put(end) {
    await unrecordedEndsItem.setValue({ ...(await unrecordedEndsItem.getValue()), [end.tenantId]: end });
  },
  async remove(tenantId, runId) {
    const ends = await unrecordedEndsItem.getValue();
    if (ends[tenantId]?.runId !== runId) return;
    const { [tenantId]: _gone, ...rest } = ends;
    await unrecordedEndsItem.setValue(rest);
  },
};
