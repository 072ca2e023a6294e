import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { E2E_TENANT_URL, EXTENSION_DIR, REPO_ROOT, TEST_BUILD_STAMP } from './harness/constants';
import { assertTestBuild } from './harness/test-build';

const SOURCES = ['entrypoints', 'components', 'lib', 'public', 'wxt.config.ts', 'package.json'];

function newestSourceTime(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((child) => newestSourceTime(path.join(entry, child))));
}

/**
 * One build per run: `npm test` builds first; a lone `npm run test:e2e` rebuilds only when there is no test build
 * for the local tenant, or the sources changed since it was made. Whatever it runs on must be a test build.
 */
export default function setup(): void {
  const stamp = existsSync(TEST_BUILD_STAMP) ? (JSON.parse(readFileSync(TEST_BUILD_STAMP, 'utf8')) as { tenantUrl?: string }) : undefined;
  const stale =
    !stamp ||
    stamp.tenantUrl !== E2E_TENANT_URL ||
    statSync(TEST_BUILD_STAMP).mtimeMs < Math.max(...SOURCES.map((entry) => newestSourceTime(path.join(REPO_ROOT, entry))));
  if (stale) {
    console.log('Building the extension for the end-to-end tests…');
    const result = spawnSync('node', ['test/scripts/build-for-tests.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('The test build of the extension failed; see the output above.');
  }
  assertTestBuild(EXTENSION_DIR);
}
