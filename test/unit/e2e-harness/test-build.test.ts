// The e2e run loads only a test build, from its own folder: `npm run build` / `npm run zip` write .output/chrome-mv3
// and can no longer put a production build where the e2e tests look (issue #14: 16 monitor tests timed out so).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXTENSION_DIR, REPO_ROOT } from '../../e2e/harness/constants';
import { assertTestBuild } from '../../e2e/harness/test-build';

const TENANT = 'https://localhost:9506';
const dirs: string[] = [];

function build(policy?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'test-build-'));
  dirs.push(dir);
  mkdirSync(dir, { recursive: true });
  const manifest = { manifest_version: 3, ...(policy ? { content_security_policy: { extension_pages: policy } } : {}) };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('the e2e harness and the test build', () => {
  it('looks for the test build outside the folder `npm run build` writes', () => {
    const relative = path.relative(REPO_ROOT, EXTENSION_DIR);
    expect(relative).not.toBe(path.join('.output', 'chrome-mv3'));
    expect(relative.startsWith(path.join('.output', 'test'))).toBe(true);
  });

  it('accepts a build whose policy reaches the local tenant', () => {
    expect(() =>
      assertTestBuild(build(`script-src 'self'; connect-src 'self' ${TENANT} https://graph.microsoft.com`), TENANT),
    ).not.toThrow();
  });

  it.each([
    ['a production build', "script-src 'self'; connect-src 'self' https://login.microsoftonline.com https://graph.microsoft.com"],
    ['a test build for another port', "connect-src 'self' https://localhost:9443"],
    ['a build without a policy (wxt dev)', undefined],
  ])('refuses %s, naming the command that makes a test build', (_, policy) => {
    expect(() => assertTestBuild(build(policy), TENANT)).toThrow(
      /is not a test build for the local tenant at https:\/\/localhost:9506.*npm run build:test/,
    );
  });

  it('refuses an empty folder', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'test-build-'));
    dirs.push(dir);
    expect(() => assertTestBuild(dir, TENANT)).toThrow(/No extension build in .*npm run build:test/);
  });
});
