import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MANIFEST_KEY } from '../../../lib/config/extension-identity';
import { readZip, storePackageProblems } from '../../scripts/store-package';

/** A zip archive as zip tools write one (deflated entries, a central directory), built here byte by byte. */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const raw = Buffer.from(text);
    const data = deflateRawSync(raw);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(raw), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CSP = "script-src 'self'; object-src 'none'; connect-src 'self' https://login.microsoftonline.com https://graph.microsoft.com";
const manifest = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ manifest_version: 3, name: '__MSG_extName__', content_security_policy: { extension_pages: CSP }, ...extra });
/** What Vite writes where the code reads import.meta.env, in a production build (nothing of the test build set). */
const PRODUCTION_JS = 'const e={BASE_URL:"/",MODE:"production",DEV:!1,PROD:!0,SSR:!1};function t(n){return e[n]}t("WXT_LOCAL_TENANT_URL");';

const problemsOf = (files: Record<string, string>) => storePackageProblems(readZip(zip(files)));

describe('the store package check', () => {
  it('passes a production package: no key, no test hooks', () => {
    expect(problemsOf({ 'manifest.json': manifest(), 'background.js': PRODUCTION_JS, 'options.html': '<html></html>' })).toEqual([]);
  });

  it('reads back what was zipped', () => {
    const files = readZip(zip({ 'manifest.json': manifest(), 'chunks/a.js': 'x'.repeat(5000) }));
    expect([...files.keys()]).toEqual(['manifest.json', 'chunks/a.js']);
    expect(files.get('chunks/a.js')?.toString()).toBe('x'.repeat(5000));
  });

  it('fails a package whose manifest has the development key', () => {
    expect(problemsOf({ 'manifest.json': manifest({ key: MANIFEST_KEY }), 'background.js': PRODUCTION_JS })).toEqual([
      'manifest.json has a "key": the stores assign the id and refuse it',
    ]);
  });

  it.each<[string, Record<string, string>, string]>([
    [
      'the local tenant in the content security policy',
      { 'manifest.json': manifest({ content_security_policy: { extension_pages: `${CSP} https://localhost:9443` } }) },
      'the content security policy connects to https://localhost:9443',
    ],
    [
      'a plain-http source',
      { 'manifest.json': manifest({ content_security_policy: { extension_pages: `${CSP} http://graph.microsoft.com` } }) },
      'the content security policy connects to http://graph.microsoft.com',
    ],
    [
      "the test build's settings inlined in the code",
      {
        'manifest.json': manifest(),
        'chunks/settings-1a2b.js': 'const e={BASE_URL:"/",WXT_LOCAL_TENANT_URL:"https://localhost:9443",WXT_LEASE_MS:"10000"};',
      },
      "chunks/settings-1a2b.js carries a test build's setting (WXT_LOCAL_TENANT_URL:)",
    ],
    [
      'a quoted setting too',
      { 'manifest.json': manifest(), 'b.js': '{"WXT_DEFAULT_CLIENT_ID": "0b8f"}' },
      'b.js carries a test build\'s setting (WXT_DEFAULT_CLIENT_ID":)',
    ],
    [
      "the test build's fault hooks switched on",
      { 'manifest.json': manifest(), 'background.js': 'const e={BASE_URL:"/",WXT_FAULT_HOOKS:"on"};' },
      "background.js carries a test build's setting (WXT_FAULT_HOOKS:)",
    ],
    ['a bench page', { 'manifest.json': manifest(), 'bench-floor.html': '<html></html>' }, 'bench-floor.html is a bench page'],
    ["the test build's record", { 'manifest.json': manifest(), 'test-build.json': '{}' }, "test-build.json is a test build's record"],
    ['no manifest at all', { 'background.js': PRODUCTION_JS }, 'the package has no manifest.json'],
    [
      'no content security policy',
      { 'manifest.json': JSON.stringify({ manifest_version: 3 }) },
      'manifest.json has no content security policy for the extension pages',
    ],
  ])('fails a package with %s', (_, files, problem) => {
    expect(problemsOf(files)).toEqual([problem]);
  });

  it('refuses what is not a zip archive', () => {
    expect(() => readZip(Buffer.from('{"manifest_version":3}'))).toThrow('not a zip archive');
  });
});
