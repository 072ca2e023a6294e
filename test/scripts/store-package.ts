// The store package's own check, run by `npm run zip` after `wxt zip`: it opens the produced Chrome/Edge zip and fails
// when the package is not the one the stores accept, or carries what only test builds should.
//
// - No `key` in manifest.json. The key "can be used to control the unique ID of an extension ... when it is loaded
//   during development" (https://developer.chrome.com/docs/extensions/reference/manifest/key); a store assigns the
//   id of what it publishes, and the Chrome Web Store refuses an upload whose manifest carries a `key` (its upload
//   error; Google's docs do not list it). Development and test builds keep MANIFEST_KEY
//   (lib/config/extension-identity.ts) so that their id, and so the redirect URI, stay fixed; wxt.config.ts drops
//   the key only when it zips.
// - None of the test build's hooks (test/scripts/build-for-tests.mjs, the bench build): no build setting a test
//   build sets (the local tenant's URL, a pre-filled client id or tenant, a short lease or watchdog, the fault
//   hooks of lib/sync/commit-hold.ts, the bench pages), no test-build.json, and a content security policy that connects to https Microsoft origins only.
import { inflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The files of a zip archive by name (stored or deflated entries, as every zip tool writes them). */
export function readZip(archive: Buffer): Map<string, Buffer> {
  // The end-of-central-directory record: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let end = archive.length - 22;
  while (end >= 0 && archive.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip archive (no end of central directory)');
  const count = archive.readUInt16LE(end + 10);
  let entry = archive.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(entry) !== 0x02014b50) throw new Error('a broken central directory entry');
    const method = archive.readUInt16LE(entry + 10);
    const compressedSize = archive.readUInt32LE(entry + 20);
    const nameLength = archive.readUInt16LE(entry + 28);
    const extraLength = archive.readUInt16LE(entry + 30);
    const commentLength = archive.readUInt16LE(entry + 32);
    const local = archive.readUInt32LE(entry + 42);
    const name = archive.toString('utf8', entry + 46, entry + 46 + nameLength);
    const dataStart = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const data = archive.subarray(dataStart, dataStart + compressedSize);
    if (method !== 0 && method !== 8) throw new Error(`${name}: compression method ${method} is not stored or deflate`);
    if (!name.endsWith('/')) files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    entry += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** A build setting's value inlined into the code (Vite writes import.meta.env as an object literal of what is set). */
const TEST_SETTING =
  /\bWXT_(LOCAL_TENANT_URL|DEFAULT_CLIENT_ID|DEFAULT_TENANT|LEASE_MS|SYNC_RESUME_WATCHDOG_MS|FAULT_HOOKS|BENCH_FLOOR)["']?\s*:/;

/** Why the package is not fit for the stores; empty when it is. */
export function storePackageProblems(files: ReadonlyMap<string, Buffer>): string[] {
  const problems: string[] = [];
  const raw = files.get('manifest.json');
  if (!raw) return ['the package has no manifest.json'];
  let manifest: { key?: unknown; content_security_policy?: { extension_pages?: unknown } };
  try {
    manifest = JSON.parse(raw.toString('utf8')) as typeof manifest;
  } catch {
    return ['manifest.json is not JSON'];
  }
  if ('key' in manifest) problems.push('manifest.json has a "key": the stores assign the id and refuse it');
  const csp = manifest.content_security_policy?.extension_pages;
  if (typeof csp !== 'string') problems.push('manifest.json has no content security policy for the extension pages');
  else {
    const connect = /(?:^|;)\s*connect-src([^;]*)/.exec(csp)?.[1]?.trim().split(/\s+/) ?? [];
    const foreign = connect.filter((source) => source !== "'self'" && !/^https:\/\/[a-z0-9.-]+$/.test(source));
    const local = connect.filter((source) => /localhost|127\.0\.0\.1|\[::1\]/.test(source));
    for (const source of [...new Set([...foreign, ...local])]) problems.push(`the content security policy connects to ${source}`);
  }
  for (const [name, content] of files) {
    if (/(^|\/)test-build\.json$/.test(name)) problems.push(`${name} is a test build's record`);
    if (/(^|\/)bench-[^/]*\.html$/.test(name)) problems.push(`${name} is a bench page`);
    if (name.endsWith('.js') && TEST_SETTING.test(content.toString('utf8'))) {
      problems.push(`${name} carries a test build's setting (${TEST_SETTING.exec(content.toString('utf8'))?.[0] ?? ''})`);
    }
  }
  return problems;
}

/** The zip `wxt zip` writes for Chrome and Edge: .output/<package name>-<version>-chrome.zip. */
function defaultZip(): string {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string };
  return path.join('.output', `${pkg.name}-${pkg.version}-chrome.zip`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const zips = process.argv.slice(2);
  let failed = false;
  for (const zip of zips.length ? zips : [defaultZip()]) {
    const problems = storePackageProblems(readZip(readFileSync(zip)));
    for (const problem of problems) console.error(`store package ${zip}: ${problem}`);
    if (problems.length === 0) console.log(`store package ${zip}: no key, no test hooks`);
    failed ||= problems.length > 0;
  }
  process.exit(failed ? 1 : 0);
}
