import type { SyncRun } from '../db/types';
import { isErrorData } from '../errors/app-error';
import type { CodedError } from '../errors/phrase';

/**
 * Why a run ended as it did, as an error to word (lib/errors/phrase.ts `sayError`): its code and parameters. A run
 * written before schema 6 with a code the extension no longer knows has none; the UI then shows its stored words.
 */
export function syncRunReason(run: Pick<SyncRun, 'reasonCode' | 'reasonParams'>): CodedError | undefined {
  const reason = { code: run.reasonCode, ...(run.reasonParams && { params: run.reasonParams }) };
  return isErrorData(reason) ? reason : undefined;
}
