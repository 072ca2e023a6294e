import type { Transaction } from 'dexie';
import { ERROR_CODES } from '../../errors/codes';

const KNOWN_CODES = new Set<string>(ERROR_CODES);

/** An error as version 5 and before stored it on a grant run: its words beside its code and detail. */
interface StoredErrorBefore6 {
  code: string;
  message?: string;
  detail?: string | { key: string; substitutions?: string[] };
  step: string;
}

/**
 * Schema version 6: records keep codes and their parameters, never words (issue #14: "lib/ speaks codes, the UI
 * speaks words"). Until now a sync run's reason, a grant run's error and a connector's service health were kept twice:
 * as a code and as words in the language the browser spoke when they were written, and the console showed the words,
 * so a run failed under German read German forever. This step drops the words wherever the record has the code to
 * word them again, in the language of the moment:
 * - syncRuns: `reason` goes where `reasonCode` is an error code this version knows (the words' detail, e.g. which
 *   host was refused, is lost with them: the message then reads "no detail given").
 * - grantRuns: `error.message` goes; `error.detail` becomes `error.params` (a message detail `{ key, substitutions }`
 *   becomes a phrase `{ key, params }`).
 * - connectors and checks: service health's `words` go (Microsoft's `status` and our `state` are its codes).
 * Records with words and no code stay as they are and the console shows their words as written: the activity log's
 * `action`/`detail` and a grant step's `detail` (see ActivityLogEntry and GrantStep), and a sync run whose code is
 * unknown. No index changes; only these four small tables are rewritten.
 */
export const v6 = {
  version: 6,
  stores: {},
  async upgrade(tx: Transaction): Promise<void> {
    await tx
      .table('syncRuns')
      .toCollection()
      .modify((run: { reasonCode?: unknown; reason?: unknown }) => {
        if (run.reason !== undefined && typeof run.reasonCode === 'string' && KNOWN_CODES.has(run.reasonCode)) delete run.reason;
      });
    await tx
      .table('grantRuns')
      .toCollection()
      .modify((run: { error?: StoredErrorBefore6 & { params?: unknown[] } }) => {
        const error = run.error;
        if (!error) return;
        const { detail } = error;
        delete error.message;
        delete error.detail;
        if (detail !== undefined)
          error.params = [
            typeof detail === 'string' ? detail : { key: detail.key, ...(detail.substitutions && { params: detail.substitutions }) },
          ];
      });
    await tx
      .table('connectors')
      .toCollection()
      .modify((connector: { serviceHealth?: { words?: string } }) => {
        if (connector.serviceHealth) delete connector.serviceHealth.words;
      });
    await tx
      .table('checks')
      .toCollection()
      .modify((check: { graph?: { health?: Record<string, { words?: string }> } }) => {
        for (const health of Object.values(check.graph?.health ?? {})) delete health.words;
      });
  },
};
