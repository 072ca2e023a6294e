import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Type-aware linting starts a TypeScript program: tens of seconds on a loaded machine, hence the long timeouts.
// The lint rule that keeps each table's writes in its owner (eslint.config.js, eslint/table-owners.js), run through
// ESLint's Node API on planted code exactly as `npm run check` runs it.

const ROOT = path.resolve(import.meta.dirname, '../../..');

const PLANTED = `import { getDb } from '../db';
import type { AppDB } from '../db/app-db';

export async function plantedWrites(db: AppDB): Promise<void> {
  await getDb().tenants.update('t1', { notificationsMuted: true });
  await db.connectors.where('tenantId').equals('t1').modify({ lastSyncAt: 0 });
  await db.table('users').clear();
  await db.activityLog.add({ at: 0, tenantId: 't1', actor: 'a', action: 'b', detail: 'c', outcome: 'success' });
}
`;

let eslint: ESLint | undefined;

/** The rule's errors on the planted code linted as if it were `filePath` (an existing file: the type checker needs one). */
async function ownerErrors(filePath: string): Promise<string[]> {
  eslint ??= new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(PLANTED, { filePath: path.join(ROOT, filePath) });
  expect(result?.messages.filter((m) => m.fatal)).toEqual([]);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/table-owners').map((m) => `${m.line}: ${m.message}`);
}

describe('the table-owner lint rule', () => {
  it('fails a write on a table outside its owner, whether on the table, a collection or an untyped table', async () => {
    expect(await ownerErrors('lib/db/keys.ts')).toEqual([
      '5: Only lib/store/tenants.ts writes TenantRecord records: call its function for this `update` (one owner per table).',
      '6: Only lib/store/connectors.ts writes ConnectorRecord records: call its function for this `modify` (one owner per table).',
      "7: `clear` on a table whose record type is not named: write through the table's owner in lib/store/.",
      '8: Only lib/store/activity-log.ts writes ActivityLogEntry records: call its function for this `add` (one owner per table).',
    ]);
  }, 480_000);

  it("lets an owner write its own table and no other's", async () => {
    expect(await ownerErrors('lib/store/tenants.ts')).toEqual([
      '6: Only lib/store/connectors.ts writes ConnectorRecord records: call its function for this `modify` (one owner per table).',
      '8: Only lib/store/activity-log.ts writes ActivityLogEntry records: call its function for this `add` (one owner per table).',
    ]);
  }, 480_000);
});
