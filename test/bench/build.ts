import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { E2E_CLIENT_ID, E2E_TENANT_DOMAIN, REPO_ROOT } from '../e2e/harness/constants';

const SOURCES = ['entrypoints', 'components', 'lib', 'public', 'test/bench', 'wxt.config.ts', 'package.json', 'package-lock.json'];

function newestSourceTime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((child) => newestSourceTime(path.join(entry, child))));
}

/**
 * Build the extension into `.output/<name>/chrome-mv3`, or reuse the build there when it was made with the same
 * settings and no source changed since. Returns the extension's directory.
 */
export function buildOrReuse(name: string, env: Record<string, string>): string {
  const outDir = path.join(REPO_ROOT, '.output', name);
  const extensionDir = path.join(outDir, 'chrome-mv3');
  const stampPath = path.join(outDir, 'bench-build.json');
  const settings = JSON.stringify(env);
  const stamp = existsSync(stampPath) ? (JSON.parse(readFileSync(stampPath, 'utf8')) as { settings?: string }) : undefined;
  const newest = Math.max(...SOURCES.map((entry) => newestSourceTime(path.join(REPO_ROOT, entry))));
  if (stamp?.settings === settings && statSync(stampPath).mtimeMs > newest && existsSync(extensionDir)) return extensionDir;
  console.log(`Building the extension (${name})…`);
  const result = spawnSync('npx', ['wxt', 'build'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, WXT_OUT_DIR: outDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`wxt build (${name}) failed`);
  writeFileSync(stampPath, JSON.stringify({ settings, builtAt: new Date().toISOString() }, null, 2));
  return extensionDir;
}

/** The extension as a test build (pointed at the local tenant), plus the bench's floor page. */
export function benchBuild(tenantUrl: string): string {
  return buildOrReuse('bench', {
    WXT_BENCH_FLOOR: 'true',
    WXT_SYNC_PROFILE: 'on',
    WXT_LOCAL_TENANT_URL: tenantUrl,
    WXT_DEFAULT_CLIENT_ID: E2E_CLIENT_ID,
    WXT_DEFAULT_TENANT: E2E_TENANT_DOMAIN,
  });
}

/** The production build, as shipped: what the bundle sizes are measured on. */
export function productionBuild(): string {
  return buildOrReuse('bench-production', {});
}
