// The security review (SECURITY.md) held against the built Chrome/Edge package: what the store would receive.
// No browser needed; the e2e project runs it because its global setup makes sure the build is there and current.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MICROSOFT_CLOUDS } from '../../lib/config/clouds';
import { E2E_TENANT_URL, EXTENSION_DIR, REPO_ROOT } from './harness/constants';

interface Manifest {
  name?: string;
  description?: string;
  default_locale?: string;
  action?: { default_title?: string };
  version?: string;
  icons?: Record<string, string>;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  externally_connectable?: unknown;
  content_scripts?: unknown;
  web_accessible_resources?: unknown;
  content_security_policy?: { extension_pages?: string; sandbox?: string };
  sandbox?: unknown;
  background?: { service_worker?: string };
}

const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Manifest;

function builtFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? builtFiles(file) : [file];
  });
}
const code = builtFiles(EXTENSION_DIR)
  .filter((file) => /\.(js|html)$/.test(file))
  .map((file) => ({ file: path.relative(EXTENSION_DIR, file), text: readFileSync(file, 'utf8') }));

describe('the built manifest', () => {
  it('is ready for the stores: name, description, the package version and icons at every size', () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(manifest.default_locale).toBe('en');
    for (const locale of ['en', 'de']) {
      const messages = JSON.parse(readFileSync(path.join(EXTENSION_DIR, '_locales', locale, 'messages.json'), 'utf8')) as Record<
        string,
        { message: string }
      >;
      const localized = (value: string | undefined) => messages[/^__MSG_(\w+)__$/.exec(value ?? '')?.[1] ?? '']?.message;
      if (locale === 'en') expect(localized(manifest.name)).toBe('Microsoft 365 Connector Admin');
      expect(localized(manifest.description)?.length, locale).toBeGreaterThan(40);
      expect(localized(manifest.description)?.length, locale).toBeLessThanOrEqual(132); // the Chrome Web Store's limit
      expect(localized(manifest.action?.default_title), locale).toBeTruthy();
    }
    expect(manifest.version).toBe(version);
    for (const size of ['16', '32', '48', '128']) {
      const icon = manifest.icons?.[size];
      expect(icon, `icon ${size}`).toBeDefined();
      expect(statSync(path.join(EXTENSION_DIR, icon ?? '')).size, `icon ${size}`).toBeGreaterThan(100);
    }
  });

  it('asks for exactly the permissions SECURITY.md justifies, and no optional ones', () => {
    expect([...(manifest.permissions ?? [])].sort()).toEqual([
      'alarms',
      'identity',
      'notifications',
      'offscreen',
      'storage',
      'unlimitedStorage',
    ]);
    expect(manifest.optional_permissions).toBeUndefined();
  });

  it("names every permission in the README's and SECURITY.md's permission tables, with what it is for", () => {
    for (const doc of ['README.md', 'SECURITY.md']) {
      const text = readFileSync(path.join(REPO_ROOT, doc), 'utf8');
      for (const permission of manifest.permissions ?? [])
        expect(text, `${doc}: ${permission}`).toMatch(new RegExp(`^\\| \`${permission}\`.*\\|.{20,}\\|`, 'm'));
    }
  });

  it('has no host permissions: Entra and Graph answer cross-origin requests', () => {
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.optional_host_permissions).toBeUndefined();
  });

  it('opens nothing to web pages or other extensions', () => {
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.content_scripts).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.sandbox).toBeUndefined();
  });

  it('has a strict content security policy that connects only to Microsoft and the test tenant', () => {
    const csp = manifest.content_security_policy?.extension_pages ?? '';
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
        .map(([n, ...v]) => [n, v]),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|\*|http:/);
    const allowed = new Set(["'self'", E2E_TENANT_URL, ...MICROSOFT_CLOUDS.flatMap((c) => [c.authorityHost, c.graphHost])]);
    const connect = directives.get('connect-src') ?? [];
    expect(connect.length).toBeGreaterThan(1);
    for (const origin of connect) expect(allowed.has(origin), `connect-src ${origin}`).toBe(true);
  });
});

describe('the built code', () => {
  it('is all there: the worker, the offscreen document, the popup and the console', () => {
    const names = code.map((c) => c.file);
    expect(names).toEqual(expect.arrayContaining(['background.js', 'offscreen.html', 'popup.html', 'options.html']));
  });

  it('loads no remote script: every <script> in the pages is a file of the package', () => {
    const pages = code.filter((c) => c.file.endsWith('.html'));
    for (const page of pages) {
      const sources = [...page.text.matchAll(/<script\b[^>]*\bsrc="([^"]*)"/g)].map((m) => m[1] ?? '');
      expect(sources.length, page.file).toBeGreaterThan(0);
      for (const src of sources) expect(src, `${page.file} loads ${src}`).toMatch(/^\/[\w./-]+\.js$/);
    }
  });

  it('imports no module from the network and pulls no script in at run time', () => {
    for (const { file, text } of code) {
      expect(text, file).not.toMatch(/\bimport\s*\(\s*["'`]https?:/);
      expect(text, file).not.toMatch(/\bfrom\s*["'`]https?:/);
      expect(text, file).not.toMatch(/\bimportScripts\s*\(/);
      expect(text, file).not.toMatch(/(?<![\w.$])eval\s*\(|\bnew Function\s*\(/);
    }
  });

  it('keeps msal-browser out of the service worker (it lives in the offscreen document)', () => {
    const worker = code.find((c) => c.file === manifest.background?.service_worker);
    expect(worker?.text).toContain('offscreen:acquireToken');
    expect(worker?.text).not.toContain('msal.cache.encryption');
    expect(code.some((c) => c.text.includes('msal.cache.encryption'))).toBe(true);
  });
});
